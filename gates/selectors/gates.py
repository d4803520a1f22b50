"""Reads about gates that need nothing from other apps."""

from gates.models import OPEN_GATE_STATUSES, Decision, Gate
from rollout.models import Rollout


def pending_gates(*, rollout_ids: list[int]) -> list[Gate]:
    """Gates waiting for a decision, oldest first (one query)."""
    return list(
        Gate.objects.filter(rollout_id__in=rollout_ids, status__in=OPEN_GATE_STATUSES)
        .select_related("rollout")
        .order_by("opened_at")
    )


def gates_with_decisions(*, rollout: Rollout) -> list[Gate]:
    """The rollout's gates in order with their decisions (two queries)."""
    return list(
        Gate.objects.filter(rollout=rollout)
        .prefetch_related("decisions__decided_by")
        .order_by("order")
    )


def decisions_of_rollout(*, rollout: Rollout) -> list[Decision]:
    return list(
        Decision.objects.filter(gate__rollout=rollout)
        .select_related("gate", "decided_by")
        .order_by("-created_at")
    )


def may_change_mind(*, gate: Gate) -> bool:
    """A decided gate can be decided again while no later gate has a decision."""
    if gate.status == Gate.Status.UPCOMING or gate.is_open:
        return False
    return not Gate.objects.filter(
        rollout=gate.rollout, order__gt=gate.order, decisions__isnull=False
    ).exists()


def next_open_gate(*, gate: Gate) -> Gate | None:
    """The later gate of the rollout now waiting for a decision (after a Go, the next one),
    so the gate page can point the executive on to it (one query)."""
    return (
        Gate.objects.filter(
            rollout_id=gate.rollout_id,
            order__gt=gate.order,
            status__in=OPEN_GATE_STATUSES,
        )
        .order_by("order")
        .first()
    )
