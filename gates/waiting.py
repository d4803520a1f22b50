"""The gates' part of My work (core.waiting): the gates waiting for the executive's
decision, and the conditions of a Go their owner has not met yet. Registered from
GatesConfig.ready(). One query a kind, however many rollouts or gates."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from core.waiting import WaitingItem, register_waiting
from gates.models import OPEN_GATE_STATUSES, DecisionCondition, Gate
from roles.models import Role, User
from roles.selectors.people import holds_role


def gates_to_decide(person: User) -> QuerySet[Gate]:
    """Gates waiting for a decision (or held, to decide again) on the rollouts where the
    person is the executive: the one who decides (gates.services' _require_executive)."""
    return Gate.objects.filter(status__in=OPEN_GATE_STATUSES).filter(
        holds_role(person, Role.EXECUTIVE)
    )


def conditions_owned(person: User) -> QuerySet[DecisionCondition]:
    """Conditions of a standing Go (not superseded) the person owns and has not met."""
    return DecisionCondition.objects.filter(
        owner_id=person.pk, met__isnull=True, decision__superseded_by__isnull=True
    )


def _gate_items(ids: list[int]) -> list[WaitingItem]:
    items = []
    for gate in Gate.objects.filter(pk__in=ids).select_related("rollout"):
        held = gate.status == Gate.Status.HELD
        items.append(
            WaitingItem(
                kind="gate",
                action=_("Decide again at the gate") if held else _("Decide at the gate"),
                subject=gate.name,
                rollout_name=gate.rollout.name,
                since=gate.opened_at or gate.rollout.created_at,
                url=reverse("gates:gate_detail", args=[gate.rollout_id, gate.pk])
                + "#decide-heading",
                due=gate.decide_again_on if held else None,
            )
        )
    return items


def _condition_items(ids: list[int]) -> list[WaitingItem]:
    conditions = DecisionCondition.objects.filter(pk__in=ids).select_related(
        "decision__gate__rollout"
    )
    return [
        WaitingItem(
            kind="condition",
            action=_("Meet the condition of a Go"),
            subject=condition.text,
            rollout_name=condition.decision.gate.rollout.name,
            since=condition.decision.created_at,
            url=reverse(
                "gates:gate_detail",
                args=[condition.decision.gate.rollout_id, condition.decision.gate_id],
            )
            + "#decisions",
            due=condition.due_date,
        )
        for condition in conditions
    ]


def waiting_register() -> None:
    """Called from GatesConfig.ready()."""
    register_waiting("gate", _gate_items, pending=gates_to_decide)
    register_waiting("condition", _condition_items, pending=conditions_owned)
