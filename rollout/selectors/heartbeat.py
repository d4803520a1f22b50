"""Reads of the rollout app."""

from datetime import datetime

from rollout.models import Heartbeat


def heartbeat_seen_at(*, name: str) -> datetime | None:
    return Heartbeat.objects.filter(name=name).values_list("seen_at", flat=True).first()
