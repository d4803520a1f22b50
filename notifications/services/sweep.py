"""The sweep: find what needs a reminder now, across every active rollout, and put the
reminders in the outbox. Run by beat every few minutes and by `manage.py
dispatch_reminders`. A fixed number of queries, whatever the number of rows; the keys make
a second run in the same period add nothing.

The ladder: the person, then (after the rollout's escalation working days) their manager,
then (after twice that) the executive. For a manager's own duty (answering a request) the
manager is the person and the executive is the next step."""

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from notifications.models import Reminder
from notifications.reminder_keys import (
    ConditionDueKey,
    ConditionOverdueKey,
    GateDecideAgainKey,
    GateWaitingKey,
    LadderKey,
)
from notifications.services.reminders import NewReminder, reminders_put
from roles.models import Role, RoleAssignment, User
from rollout.calendar import WorkingDays
from rollout.models import CalendarDay, DecisionCondition, Gate, Rollout

SOON_WORKING_DAYS = 2
LOOK_AHEAD = timedelta(days=21)  # covers "soon" across the longest holiday
LOOK_BACK = timedelta(days=120)


class Context:
    """What every rule needs, loaded once: the rollouts, their calendars, executives and
    department managers."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.rollouts = {
            r.pk: r
            for r in Rollout.objects.filter(
                status__in=[Rollout.Status.PLANNING, Rollout.Status.ACTIVE]
            )
        }
        exceptions: dict[int, dict[date, bool]] = defaultdict(dict)
        for calendar_id, day, is_working in CalendarDay.objects.filter(
            date__gte=today - LOOK_BACK, date__lte=today + LOOK_AHEAD
        ).values_list("calendar_id", "date", "is_working"):
            exceptions[calendar_id][day] = is_working
        self.days = {
            pk: WorkingDays(today - LOOK_BACK, today + LOOK_AHEAD, exceptions[r.calendar_id or 0])
            for pk, r in self.rollouts.items()
        }
        self.executive: dict[int, int] = {}
        self.manager: dict[tuple[int, int], int] = {}
        for rollout_id, role, department_id, person_id in (
            RoleAssignment.objects.active()
            .filter(rollout_id__in=list(self.rollouts), role__in=[Role.EXECUTIVE, Role.MANAGER])
            .values_list("rollout_id", "role", "department_id", "person_id")
        ):
            if role == Role.EXECUTIVE:
                self.executive[rollout_id] = person_id
            else:
                self.manager[(rollout_id, department_id)] = person_id

    def working_days_since(self, rollout_id: int, since: date) -> int:
        """Working days after `since` up to today."""
        if since >= self.today:
            return 0
        return self.days[rollout_id].count(since + timedelta(days=1), self.today)

    def working_days_until(self, rollout_id: int, day: date) -> int:
        if day <= self.today:
            return 0
        return self.days[rollout_id].count(self.today + timedelta(days=1), day)

    def ladder(self, rollout_id: int, since: date) -> int:
        """How far up the ladder a condition waiting since `since` has climbed."""
        step = self.rollouts[rollout_id].escalation_working_days
        waited = self.working_days_since(rollout_id, since)
        return 2 if waited >= 2 * step else 1 if waited >= step else 0


# A rule finds what is due now; the rules of apps built on this one (staffing's) are
# registered from their AppConfig.ready(), so this module never imports them.
SweepRule = Callable[[Context], list[NewReminder]]
_rules: dict[str, SweepRule] = {}


def sweep_rule_register(name: str, rule: SweepRule) -> None:
    """By name, so registering twice (ready() run again) replaces rather than adds."""
    _rules[name] = rule


def reminders_sweep(*, now: datetime | None = None) -> int:
    """Put every reminder that is due now into the outbox; returns how many were offered
    (existing keys are skipped by the database, so a rerun offers the same and adds none)."""
    today = timezone.localdate(now or timezone.now())
    context = Context(today)
    if not context.rollouts:
        return 0
    found: list[NewReminder] = []
    for rule in _rules.values():
        found += rule(context)
    reminders_put(found)
    return len(found)


def climb(
    context: Context,
    rollout_id: int,
    since: date,
    key: LadderKey,
    steps: list[int | None],
    url: str,
    params: dict[str, object],
) -> list[NewReminder]:
    """One reminder per rung reached so far, each with `key` at that rung; `steps[level]`
    is who gets that level."""
    top = context.ladder(rollout_id, since)
    step_days = context.rollouts[rollout_id].escalation_working_days
    out = []
    for level, recipient in enumerate(steps[: top + 1]):
        if recipient is None:
            continue
        out.append(
            NewReminder(
                key=key.at(level),
                recipient_id=recipient,
                rollout_id=rollout_id,
                url=url,
                params={**params, "days": step_days * level},
                level=level,
            )
        )
    return out


def _gates_waiting(context: Context) -> list[NewReminder]:
    """A gate waiting longer than the rollout allows reminds the executive; twice as long,
    the sponsor (or, with none named, the administrators). A held gate reminds the
    executive on the day to decide again."""
    out: list[NewReminder] = []
    gates = Gate.objects.filter(
        rollout_id__in=list(context.rollouts), status__in=[Gate.Status.PENDING, Gate.Status.HELD]
    )
    admins: list[int] | None = None
    for gate in gates:
        rollout = context.rollouts[gate.rollout_id]
        url = reverse("gate_detail", args=[gate.rollout_id, gate.pk])
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
        url = reverse("gate_detail", args=[rollout_id, condition.decision.gate_id])
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


# The rules about rollout/'s tables (gates, conditions); they register with the others
# when their app moves out of rollout/ (the tasks' rule did: work/reminder_rules.py).
sweep_rule_register("roles.gates_waiting", _gates_waiting)
sweep_rule_register("roles.conditions_due", _conditions_due)
