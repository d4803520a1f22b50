"""Thin Celery tasks: each calls one service. Idempotent (the outbox keys and the
dispatcher's SKIP LOCKED make a retried or duplicated run send nothing twice), acks_late
so a worker killed mid-task leaves the message for another, retried with backoff."""

from typing import Any

from celery import shared_task
from django.db import DatabaseError

from notifications.outboxes import outboxes_send
from notifications.services.digests import email_digests_send
from notifications.services.reminders import reminders_dispatch
from notifications.services.sweep import reminders_sweep

RETRY_ON = (DatabaseError, OSError)
OPTIONS: dict[str, Any] = {
    "acks_late": True,
    "autoretry_for": RETRY_ON,
    "retry_backoff": True,
    "max_retries": 8,
    "ignore_result": True,
}
# Each task keeps the name it had when it lived in roles/tasks.py: beat's schedule
# (config/settings.py) and messages already queued in a broker call it by that name.


@shared_task(name="roles.tasks.dispatch_reminders", **OPTIONS)
def dispatch_reminders() -> int:
    sent = reminders_dispatch()
    # The outboxes registered in notifications.outboxes: the e-mail digests and the gates'
    # briefs and mail. A mail the server did not take is kept with its reason and sent by a
    # later run (notifications.services.mail_outbox): that is the mail's retry with backoff.
    outboxes_send()
    return sent


@shared_task(name="roles.tasks.sweep_reminders", **OPTIONS)
def sweep_reminders() -> int:
    return reminders_sweep()


@shared_task(name="roles.tasks.send_email_digests", **OPTIONS)
def send_email_digests(frequency: str) -> int:
    return email_digests_send(frequency=frequency)
