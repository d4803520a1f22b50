"""Writes of the rollout app."""

from django.utils import timezone

from rollout.models import Heartbeat


def heartbeat_record(*, name: str) -> Heartbeat:
    """Idempotent: running it twice only moves the timestamp."""
    heartbeat, _created = Heartbeat.objects.update_or_create(
        name=name, defaults={"seen_at": timezone.now()}
    )
    return heartbeat
