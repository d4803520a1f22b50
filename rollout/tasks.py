"""Thin Celery tasks: take ids, call a service."""

from celery import shared_task

from rollout.services.heartbeat import heartbeat_record
from rollout.services.sessions import sessions_clear_expired

SCHEDULER_HEARTBEAT = "scheduler"


@shared_task(acks_late=True, ignore_result=True)
def heartbeat() -> None:
    """Run by beat every minute, so /healthz can tell whether scheduled work is running."""
    heartbeat_record(name=SCHEDULER_HEARTBEAT)


@shared_task(acks_late=True, ignore_result=True)
def clear_expired_sessions() -> None:
    """Run by beat once a day; deleting what is already expired twice changes nothing."""
    sessions_clear_expired()
