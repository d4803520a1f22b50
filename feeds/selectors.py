"""What each feed lists, read in the reader's language (the caller activates it).

A person's feed, on the rollouts they still hold a role in: the tasks they are assigned
and not verified done, their commitments' weeks, the gates they decide (the executive) or
advise on (middle managers and the senior seat) with the day a decision is due, and the
conditions of a Go they own. A rollout's
feed: its phases and gates, its objectives' due dates, and its working calendar's holidays
and make-up days. A fixed number of queries each, whatever the rows."""

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from feeds.ics import FeedEvent
from gates.models import OPEN_GATE_STATUSES, Decision, Gate
from gates.waiting import conditions_owned, gates_to_decide
from roles.models import Role, Seat, User
from roles.selectors.people import holds_role
from rollout.calendar import WorkingDays
from rollout.models import CalendarDay, Rollout
from rollout.permissions import rollouts_for_user
from staffing.models import Commitment
from work.models import Objective, Task, TaskStatus

Url = Callable[[str, list[int]], str]


def decide_by(gates: list[Gate]) -> dict[int, date]:
    """The day each waiting gate's decision is due: held, the day set to decide again;
    open, the rollout's limit in its working days after the gate opened. One query for
    the calendars' days of every gate at once (the gates' rollouts read with them)."""
    due: dict[int, date] = {}
    opened: dict[int, date] = {}
    for gate in gates:
        if gate.status == Gate.Status.HELD and gate.decide_again_on:
            due[gate.pk] = gate.decide_again_on
        elif gate.status == Gate.Status.PENDING and gate.opened_at is not None:
            opened[gate.pk] = timezone.localdate(gate.opened_at)
    if not opened:
        return due
    counting = [g for g in gates if g.pk in opened]
    # Pad the range for the weekends and holidays the longest limit steps over.
    first = min(opened.values())
    last = max(opened.values()) + timedelta(
        days=max(g.rollout.decision_limit_working_days for g in counting) * 3 + 30
    )
    exceptions: dict[int, dict[date, bool]] = defaultdict(dict)
    calendars = {g.rollout.calendar_id for g in counting} - {None}
    for calendar_id, day, is_working in CalendarDay.objects.filter(
        calendar_id__in=calendars, date__gte=first, date__lte=last
    ).values_list("calendar_id", "date", "is_working"):
        exceptions[calendar_id][day] = is_working
    for gate in counting:
        days = WorkingDays(first, last, exceptions.get(gate.rollout.calendar_id or 0, {}))
        due[gate.pk] = days.add(opened[gate.pk], gate.rollout.decision_limit_working_days)
    return due


def person_events(person: User, url: Url) -> list[FeedEvent]:
    return [
        *_task_events(person, url),
        *_commitment_events(person, url),
        *_gate_events(person, url),
        *_condition_events(person, url),
    ]


def _task_events(person: User, url: Url) -> list[FeedEvent]:
    tasks = (
        Task.objects.filter(assignees=person, rollout__in=rollouts_for_user(person))
        .exclude(status=TaskStatus.VERIFIED)
        .select_related("rollout")
        .order_by("due_date", "pk")
    )
    return [
        FeedEvent(
            uid=f"task-{task.pk}-due",
            summary=_("Due: %(task)s") % {"task": task.title},
            start=task.due_date,
            description=f"{task.rollout.name} · {task.get_status_display()}",
            url=url("work:task_detail", [task.rollout_id, task.pk]),
        )
        for task in tasks
    ]


def _commitment_events(person: User, url: Url) -> list[FeedEvent]:
    commitments = (
        Commitment.objects.filter(person=person, request__rollout__in=rollouts_for_user(person))
        .filter(status__in=[Commitment.Status.PROPOSED, Commitment.Status.CONFIRMED])
        .select_related("request__rollout")
        .order_by("start_date", "pk")
    )
    return [
        FeedEvent(
            uid=f"commitment-{c.pk}",
            summary=_("%(hours)s h/week for %(rollout)s")
            % {"hours": c.hours_per_week.normalize(), "rollout": c.request.rollout.name},
            start=c.start_date,
            last=c.end_date,
            description=c.get_status_display(),
            url=url("staffing:staffing", [c.request.rollout_id]),
        )
        for c in commitments
    ]


def _advised_gates(person: User) -> QuerySet[Gate]:
    """Waiting gates on the rollouts where the person advises the executive."""
    return Gate.objects.filter(status__in=OPEN_GATE_STATUSES).filter(
        holds_role(person, Role.MANAGER)
        | Q(
            rollout__assignments__person=person,
            rollout__assignments__role=Role.SELECTOR,
            rollout__assignments__seat=Seat.SENIOR,
            rollout__assignments__ended_at__isnull=True,
        )
    )


def _gate_events(person: User, url: Url) -> list[FeedEvent]:
    decides = set(gates_to_decide(person).values_list("pk", flat=True))
    gates = list(
        Gate.objects.filter(
            Q(pk__in=decides) | Q(pk__in=_advised_gates(person).values("pk"))
        ).select_related("rollout")
    )
    events = []
    due_days = decide_by(gates)
    for gate in gates:
        due = due_days.get(gate.pk)
        if due is None:
            continue
        if gate.pk in decides:
            summary = _("Decide at the gate: %(gate)s") % {"gate": gate.name}
        else:
            summary = _("Recommend at the gate: %(gate)s") % {"gate": gate.name}
        events.append(
            FeedEvent(
                uid=f"gate-{gate.pk}-decide",
                summary=summary,
                start=due,
                description=f"{gate.rollout.name} · {gate.get_status_display()}",
                url=url("gates:gate_detail", [gate.rollout_id, gate.pk]),
            )
        )
    return events


def _condition_events(person: User, url: Url) -> list[FeedEvent]:
    conditions = (
        conditions_owned(person)
        .filter(decision__gate__rollout__in=rollouts_for_user(person))
        .select_related("decision__gate__rollout")
    )
    return [
        FeedEvent(
            uid=f"condition-{c.pk}",
            summary=_("Condition due: %(condition)s") % {"condition": c.text},
            start=c.due_date,
            description=f"{c.decision.gate.rollout.name} · {c.decision.gate.name}",
            url=url("gates:gate_detail", [c.decision.gate.rollout_id, c.decision.gate_id]),
        )
        for c in conditions
    ]


def rollout_events(rollout: Rollout, url: Url) -> list[FeedEvent]:
    return [
        *_phase_and_gate_events(rollout, url),
        *_objective_events(rollout, url),
        *_calendar_events(rollout),
    ]


def _phase_and_gate_events(rollout: Rollout, url: Url) -> list[FeedEvent]:
    """Each phase from the day the gate before it passed (the rollout's creation for the
    first) to the day its own gate was decided, or is due to be; each gate on that day."""
    gates = list(Gate.objects.filter(rollout=rollout).select_related("rollout"))
    due_days = decide_by(gates)
    decided: dict[int, date] = {}
    for gate_id, created in (
        Decision.objects.filter(gate__rollout=rollout, superseded_by__isnull=True)
        .order_by("created_at")
        .values_list("gate_id", "created_at")
    ):
        decided[gate_id] = timezone.localdate(created)
    events = []
    starts: date | None = timezone.localdate(rollout.created_at)
    for gate in gates:
        passed = gate.status in (Gate.Status.PASSED, Gate.Status.STOPPED)
        ends = decided.get(gate.pk) if passed else due_days.get(gate.pk)
        link = url("gates:gate_detail", [rollout.pk, gate.pk])
        if starts is not None and ends is not None and ends >= starts:
            events.append(
                FeedEvent(
                    uid=f"phase-{gate.pk}",
                    summary=_("Phase: %(phase)s") % {"phase": gate.name},
                    start=starts,
                    last=ends,
                    description=rollout.name,
                    url=link,
                )
            )
        if ends is not None:
            summary = (_("Gate: %(gate)s") if passed else _("Gate decision due: %(gate)s")) % {
                "gate": gate.name
            }
            events.append(
                FeedEvent(
                    uid=f"gate-{gate.pk}",
                    summary=f"{summary} · {gate.get_status_display()}",
                    start=ends,
                    description=rollout.name,
                    url=link,
                )
            )
        # The next phase starts when this gate passes; until then it has no start.
        starts = ends if gate.status == Gate.Status.PASSED else None
    return events


def _objective_events(rollout: Rollout, url: Url) -> list[FeedEvent]:
    objectives = Objective.objects.filter(rollout=rollout).select_related("department")
    return [
        FeedEvent(
            uid=f"objective-{o.pk}-due",
            summary=_("Objective due: %(objective)s") % {"objective": o.title},
            start=o.due_date,
            description=f"{o.department} · {o.target}",
            url=url("work:plan", [rollout.pk]),
        )
        for o in objectives
    ]


def _calendar_events(rollout: Rollout) -> list[FeedEvent]:
    if rollout.calendar_id is None:
        return []
    days = CalendarDay.objects.filter(calendar_id=rollout.calendar_id).order_by("date")
    return [
        FeedEvent(
            uid=f"calendar-day-{day.pk}",
            summary=(
                _("Make-up working day: %(name)s") if day.is_working else _("Holiday: %(name)s")
            )
            % {"name": day.name},
            start=day.date,
        )
        for day in days
    ]
