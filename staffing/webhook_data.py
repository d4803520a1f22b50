"""What a "commitment.changed" webhook tells (webhooks.emission): read only when an
endpoint of the rollout wants it."""

from datetime import datetime
from typing import Any

from django.utils import timezone

from roles.models import User
from staffing.models import Commitment, CommitmentEvent
from webhooks.payloads import hours, person_data, when


def commitment_data(
    commitment: Commitment,
    *,
    change: str,
    by: User,
    reason: str = "",
    at: datetime | None = None,
) -> dict[str, Any]:
    """`change` is what happened (a CommitmentEvent kind: committed, confirmed, conflict,
    hours_changed, pulled_back); after hours_changed, `commitment` is the new one and
    `replaces` the one it cut short."""
    return {
        "change": change,
        "reason": reason,
        "by": person_data(by),
        "at": when(at or timezone.now()),
        "commitment": {
            "id": commitment.pk,
            "request": commitment.request_id,
            "person": person_data(commitment.person),
            "hours_per_week": hours(commitment.hours_per_week),
            "start_date": when(commitment.start_date),
            "end_date": when(commitment.end_date),
            "status": commitment.status,
            "replaces": commitment.replaces_id,
        },
    }


def commitment_event_data(commitment: Commitment, event: CommitmentEvent) -> dict[str, Any]:
    return commitment_data(
        commitment, change=event.kind, by=event.by, reason=event.reason, at=event.created_at
    )
