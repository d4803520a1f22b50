"""The gates' part of the reminders: their rules for the sweep (notifications.services.sweep) -
a gate waiting for the executive's decision, a held gate to decide again, the conditions
of a Go due or overdue. Registered from GatesConfig.ready()."""

from django.urls import reverse
from django.utils import timezone

from gates.models import OPEN_GATE_STATUSES, DecisionCondition, Gate
from notifications.models import Reminder
from notifications.reminder_keys import (
    ConditionDueKey,
    ConditionOverdueKey,
    GateDecideAgainKey,
    GateWaitingKey,
)
from notifications.services.reminders import NewReminder
from notifications.services.sweep import (
    LOOK_AHEAD,
    SOON_WORKING_DAYS,
    Context,
    climb,
    sweep_rule_register,
)
from roles.models import User


def _gates_waiting(context: Context) -> list[NewReminder]:
    """A gate waiting longer than the rollout allows reminds the executive; twice as long,
    the sponsor (or, with none named, the administrators). A held gate reminds the
    executive on the day to decide again."""
    out: list[NewReminder] = []
    gates = Gate.objects.filter(
        rollout_id__in=list(context.rollouts), status__in=OPEN_GATE_STATUSES
    )
    admins: list[int] | None = None
    for gate in gates:
        rollout = context.rollouts[gate.rollout_id]
        url = reverse("gates:gate_detail", args=[gate.rollout_id, gate.pk])
        executive = context.executive.get(gate.rollout_id)
        params: dict[str, object] = {
            "person_id": executive,  # the one to decide
            "gate_en": gate.name_en,
            "gate_zh_hans": gate.name_zh_hans,
            "since": str(timezone.localdate(gate.opened_at)) if gate.opened_at else "",
            "due": str(gate.decide_again_on or ""),
        }
        if gate.status == Gate.Status.HELD and gate.decide_again_on:
            if gate.decide_again_on <= context.today and executive:
                out.append(
                    NewReminder(
                        GateDecideAgainKey(gate_id=gate.pk, on=gate.decide_again_on),
                        executive,
                        gate.rollout_id,
                        url,
                        params,
                    )
                )
            continue
        if gate.opened_at is None:
            continue
        opened = timezone.localdate(gate.opened_at)
        waited = context.working_days_since(gate.rollout_id, opened)
        limit = rollout.decision_limit_working_days
        if waited >= limit and executive:
            out.append(
                NewReminder(
                    GateWaitingKey(gate_id=gate.pk, opened_at=gate.opened_at),
                    executive,
                    gate.rollout_id,
                    url,
                    {**params, "days": 0},
                )
            )
        if waited >= 2 * limit:
            if admins is None:
                admins = list(
                    User.objects.filter(is_superuser=True, is_active=True).values_list(
                        "pk", flat=True
                    )
                )
            above = [rollout.sponsor_id] if rollout.sponsor_id else admins
            for person in above:
                if person is None:
                    continue
                out.append(
                    NewReminder(
                        GateWaitingKey(
                            gate_id=gate.pk,
                            opened_at=gate.opened_at,
                            level=Reminder.Level.EXECUTIVE,
                            person_id=person,
                        ),
                        person,
                        gate.rollout_id,
                        url,
                        {**params, "days": limit},
                        level=Reminder.Level.EXECUTIVE,
                    )
                )
    return out


def _conditions_due(context: Context) -> list[NewReminder]:
    """Conditions of a Go are tracked like tasks: due soon to the owner; overdue up the
    ladder (owner, then the executive)."""
    out: list[NewReminder] = []
    conditions = DecisionCondition.objects.filter(
        decision__gate__rollout_id__in=list(context.rollouts),
        met__isnull=True,
        due_date__lte=context.today + LOOK_AHEAD,
        decision__superseded_by__isnull=True,
    ).select_related("owner", "decision__gate")
    for condition in conditions:
        rollout_id = condition.decision.gate.rollout_id
        url = reverse("gates:gate_detail", args=[rollout_id, condition.decision.gate_id])
        params: dict[str, object] = {
            "person_id": condition.owner_id,
            "task": condition.text,
            "person": str(condition.owner),
            "due": str(condition.due_date),
        }
        if condition.due_date < context.today:
            out += climb(
                context,
                rollout_id,
                condition.due_date,
                ConditionOverdueKey(condition_id=condition.pk),
                [condition.owner_id, context.executive.get(rollout_id)],
                url,
                params,
            )
        elif context.working_days_until(rollout_id, condition.due_date) <= SOON_WORKING_DAYS:
            out.append(
                NewReminder(
                    ConditionDueKey(condition_id=condition.pk),
                    condition.owner_id,
                    rollout_id,
                    url,
                    params,
                )
            )
    return out


def reminders_register() -> None:
    """Called from GatesConfig.ready()."""
    sweep_rule_register("gates.gates_waiting", _gates_waiting)
    sweep_rule_register("gates.conditions_due", _conditions_due)
