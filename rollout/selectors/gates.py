"""Reads about gates that need nothing from other apps."""

from rollout.models import Gate


def pending_gates(*, rollout_ids: list[int]) -> list[Gate]:
    """Gates waiting for a decision, oldest first (one query)."""
    return list(
        Gate.objects.filter(
            rollout_id__in=rollout_ids, status__in=[Gate.Status.PENDING, Gate.Status.HELD]
        )
        .select_related("rollout")
        .order_by("opened_at")
    )
