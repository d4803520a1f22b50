"""Thin Celery tasks: each calls one service. Idempotent (the outbox keys and the
dispatcher's SKIP LOCKED make a retried or duplicated run send nothing twice), acks_late
so a worker killed mid-task leaves the message for another, retried with backoff."""

from celery import shared_task
from django.db import DatabaseError

from roles.outboxes import outboxes_send
from roles.services.notifications import email_digests_send
from roles.services.reminders import reminders_dispatch
from roles.services.sweep import reminders_sweep

RETRY_ON = (DatabaseError, OSError)


@shared_task(
    acks_late=True, autoretry_for=RETRY_ON, retry_backoff=True, max_retries=8, ignore_result=True
)
def dispatch_reminders() -> int:
    sent = reminders_dispatch()
    # The apps' own outboxes (the gates' decision briefs and mail), registered with roles.
    outboxes_send()
    return sent


@shared_task(
    acks_late=True, autoretry_for=RETRY_ON, retry_backoff=True, max_retries=8, ignore_result=True
)
def sweep_reminders() -> int:
    return reminders_sweep()


@shared_task(
    acks_late=True, autoretry_for=RETRY_ON, retry_backoff=True, max_retries=8, ignore_result=True
)
def send_email_digests(frequency: str) -> int:
    return email_digests_send(frequency=frequency)
