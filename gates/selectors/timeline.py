"""A rollout's timeline: its phases (each ends at a gate), the gates with their dates and
how long they wait, and its tasks with their "waits for" links and the critical path.

Four queries whatever the size: the gates, their decisions, the tasks (only the columns
drawn) and the links. The critical path is computed over every task; the page draws the
first LISTED of them, the critical path and the linked tasks first."""

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from gates.critical_path import CriticalPath, critical_path
from gates.models import Decision, Gate
from rollout.models import Rollout
from work.models import Task

LISTED = 60
# A bar is as long as the task's estimate at this many hours a day and ends on its due date:
# tasks have no start date of their own.
HOURS_A_DAY = Decimal("8")


@dataclass
class GateMark:
    gate: Gate
    # When the gate was decided (passed or stopped), or since when it waits (open).
    on: date | None
    waiting_days: int | None  # an open gate: days it has waited so far
    last_decision: Decision | None

    @property
    def decided(self) -> bool:
        return self.gate.status in (Gate.Status.PASSED, Gate.Status.STOPPED)


@dataclass
class Phase:
    mark: GateMark
    starts: date | None  # unknown until the phase before it is decided
    ends: date | None  # None: not decided yet (the phase goes on)


@dataclass
class TaskBar:
    pk: int
    title: str
    workstream: str
    status: str
    status_label: str
    due: date
    estimate: Decimal
    starts: date
    critical: bool
    waits_for: list["TaskBar"] = field(default_factory=list)


@dataclass
class Timeline:
    rollout: Rollout
    today: date
    phases: list[Phase]
    tasks: list[TaskBar]  # those drawn, by start
    task_count: int  # all the rollout's tasks
    path: CriticalPath
    path_tasks: list[TaskBar]  # the critical chain in order (drawn or not)

    @property
    def gates(self) -> list[GateMark]:
        return [phase.mark for phase in self.phases]

    @property
    def first_day(self) -> date:
        days = [self.rollout.created_at.date(), self.today, *(t.starts for t in self.tasks)]
        days += [p.starts for p in self.phases if p.starts]
        return min(days)

    @property
    def last_day(self) -> date:
        days = [self.today, *(t.due for t in self.tasks)]
        days += [p.ends for p in self.phases if p.ends]
        days += [m.gate.decide_again_on for m in self.gates if m.gate.decide_again_on]
        return max(days)


def bar_start(due: date, estimate: Decimal) -> date:
    """The first day of a task's bar: as many days before its due date as its estimate
    takes, at HOURS_A_DAY (an 8-hour task is due and done the same day)."""
    days = max(math.ceil(estimate / HOURS_A_DAY), 1)
    return due - timedelta(days=days - 1)


def _day(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment else None


def _gate_marks(rollout: Rollout, now: datetime) -> list[GateMark]:
    gates = Gate.objects.filter(rollout=rollout).prefetch_related(
        Prefetch("decisions", queryset=Decision.objects.order_by("created_at", "pk"))
    )
    marks = []
    for gate in gates.order_by("order"):
        decisions = list(gate.decisions.all())
        last = decisions[-1] if decisions else None
        on = None
        waiting = None
        if gate.status in (Gate.Status.PASSED, Gate.Status.STOPPED) and last:
            on = _day(last.created_at)
        elif gate.is_open and gate.opened_at:
            on = _day(gate.opened_at)
            waiting = (now - gate.opened_at).days
        marks.append(GateMark(gate=gate, on=on, waiting_days=waiting, last_decision=last))
    return marks


def _phases(rollout: Rollout, marks: list[GateMark]) -> list[Phase]:
    phases = []
    starts: date | None = _day(rollout.created_at)
    for mark in marks:
        ends = mark.on if mark.decided else None
        phases.append(Phase(mark=mark, starts=starts, ends=ends))
        starts = ends  # the next phase starts when this one's gate is decided
    return phases


def _tasks(rollout: Rollout) -> tuple[dict[int, TaskBar], list[tuple[int, int]]]:
    rows = Task.objects.filter(rollout=rollout).values_list(
        "pk", "title", "workstream__name", "status", "due_date", "estimate_hours"
    )
    # Translated once, not once a task: thousands of gettext calls were most of the time.
    labels = {value: str(label) for value, label in Task.Status.choices}
    bars = {
        pk: TaskBar(
            pk=pk,
            title=title,
            workstream=workstream,
            status=status,
            status_label=labels.get(status, status),
            due=due,
            estimate=estimate,
            starts=bar_start(due, estimate),
            critical=False,
        )
        for pk, title, workstream, status, due, estimate in rows.order_by()
    }
    links = list(
        Task.blocked_by.through.objects.filter(from_task__rollout=rollout).values_list(
            "from_task_id", "to_task_id"
        )
    )
    return bars, links


def rollout_timeline(*, rollout: Rollout, listed: int = LISTED) -> Timeline:
    now = timezone.now()
    phases = _phases(rollout, _gate_marks(rollout, now))
    bars, links = _tasks(rollout)
    path = critical_path({pk: bar.estimate for pk, bar in bars.items()}, links)
    linked = set()
    for task, blocker in links:
        if task in bars and blocker in bars:
            bars[task].waits_for.append(bars[blocker])
            linked |= {task, blocker}
    for pk in path.critical:
        bars[pk].critical = True
    for bar in bars.values():
        bar.waits_for.sort(key=lambda b: (b.due, b.pk))
    # What a reader looks for first: the critical path, then whatever waits or is waited
    # for, then the rest by due date.
    ranked = sorted(bars.values(), key=lambda b: (not b.critical, b.pk not in linked, b.due, b.pk))
    shown = sorted(ranked[:listed], key=lambda b: (b.starts, b.due, b.pk))
    return Timeline(
        rollout=rollout,
        today=timezone.localdate(),
        phases=phases,
        tasks=shown,
        task_count=len(bars),
        path=path,
        path_tasks=[bars[pk] for pk in path.chain],
    )
