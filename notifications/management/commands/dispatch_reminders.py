"""manage.py dispatch_reminders: what beat's tasks do, without a worker: sweep for what is
due, then send every due reminder. Safe to run at any time, as often as you like."""

from typing import Any

from django.core.management.base import BaseCommand

from notifications.outboxes import outboxes_send
from notifications.services.reminders import reminders_dispatch
from notifications.services.sweep import reminders_sweep


class Command(BaseCommand):
    help = "Find reminders that are due and send them (the same code the Celery tasks run)."

    def handle(self, *args: Any, **options: Any) -> None:
        offered = reminders_sweep()
        sent = reminders_dispatch()
        # The outboxes: the e-mail digests and the gates' decisions (briefs, then mail).
        mailed = outboxes_send()
        self.stdout.write(
            self.style.SUCCESS(
                f"Swept {offered} conditions; sent {sent} reminders; mailed {mailed} e-mails."
            )
        )
