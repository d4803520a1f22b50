"""Every write of the notifications app, one module per subject: the outbox (reminders),
the sweep that fills it, the bell and e-mail digests (notifications)."""
