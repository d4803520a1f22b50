"""Reads about staffing: the plan of requests and commitments, each week's committed
versus logged hours (fulfilment), the capacity heatmap and the managers' signals. Every
function runs a fixed number of queries; the grouping happens in Python."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import Any

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.utils.translation import gettext_lazy as _lazy

from core.exports import Row, Table
from roles.models import Department, Role, RoleAssignment, User
from rollout.calendar import WorkingDays, calendars_working_days, week_start, working_days
from rollout.models import Rollout
from staffing.models import (
    Commitment,
    CommitmentEvent,
    StaffingAnswer,
    StaffingRequest,
    StanceAssessment,
)
from work.models import LoggedWeek
from work.services import hours_text

ZERO = Decimal("0")
WEEK = timedelta(days=7)


def weeks_between(first: date, last: date) -> list[date]:
    start, end = week_start(first), week_start(last)
    return [start + n * WEEK for n in range((end - start).days // 7 + 1)]


def requests_of_rollout(*, rollout: Rollout) -> QuerySet[StaffingRequest]:
    return (
        StaffingRequest.objects.filter(rollout=rollout)
        .select_related("department", "requested_by")
        .prefetch_related(
            Prefetch("answers", queryset=StaffingAnswer.objects.select_related("answered_by")),
            Prefetch(
                "commitments",
                queryset=Commitment.objects.select_related("person").order_by("start_date", "pk"),
            ),
        )
        .order_by("status", "-created_at", "-pk")
    )


def commitments_of_person(*, person: User, rollout: Rollout) -> QuerySet[Commitment]:
    return (
        Commitment.objects.filter(person=person, request__rollout=rollout)
        .select_related("request", "request__department", "committed_by")
        .order_by("-start_date", "-pk")
    )


def commitment_history(*, request: StaffingRequest) -> QuerySet[CommitmentEvent]:
    return (
        CommitmentEvent.objects.filter(commitment__request=request)
        .select_related("commitment", "commitment__person", "by")
        .order_by("created_at", "pk")
    )


def commitments_of_request(*, request: StaffingRequest) -> QuerySet[Commitment]:
    """Everyone committed on one request, by person and then start."""
    return (
        Commitment.objects.filter(request=request)
        .select_related("person")
        .order_by("person__username", "start_date")
    )


def people_for_request(*, request: StaffingRequest) -> QuerySet[User]:
    """The requested department's active people: whom its manager may commit."""
    return (
        User.objects.filter(department_id=request.department_id, is_active=True)
        .select_related("department")
        .order_by("username")
    )


# --- free capacity --------------------------------------------------------------------------

# Commitments that hold a person's hours: a conflict raised or an ended commitment does not.
HOLDING_STATUSES = (Commitment.Status.PROPOSED, Commitment.Status.CONFIRMED)


def committed_by_week(
    *, people: list[User], start: date, end: date, exclude: Commitment | None = None
) -> dict[int, defaultdict[date, Decimal]]:
    """Each person's committed hours in each week (by its Monday) of start..end, across
    every rollout: a commitment counts in full in every week of the range it touches. The
    capacity check of the staffing services counts with this too, so what a page shows
    free is exactly what an answer may commit. One query for all the people."""
    per_person: dict[int, defaultdict[date, Decimal]] = {p.pk: defaultdict(Decimal) for p in people}
    holding = Commitment.objects.filter(
        person__in=[p.pk for p in people],
        status__in=HOLDING_STATUSES,
        start_date__lte=end,
        end_date__gte=start,
    )
    if exclude is not None:
        holding = holding.exclude(pk=exclude.pk)
    rows = holding.values_list("person_id", "start_date", "end_date", "hours_per_week")
    for person_id, c_start, c_end, hours in rows:
        for week in weeks_between(max(start, c_start), min(end, c_end)):
            per_person[person_id][week] += hours
    return per_person


@dataclass(frozen=True)
class FreeHours:
    """A person's room in a period: weekly capacity less the most committed in any week."""

    capacity: Decimal
    committed: Decimal

    @property
    def free(self) -> Decimal:
        return max(self.capacity - self.committed, ZERO)

    @property
    def overbooked(self) -> bool:
        return self.committed > self.capacity


def free_hours_per_week(*, people: list[User], start: date, end: date) -> dict[int, FreeHours]:
    """Hours a week each person can still be committed for the whole of start..end (the
    tightest week decides), by person id. One query, however many people and weeks."""
    committed = committed_by_week(people=people, start=start, end=end)
    return {
        p.pk: FreeHours(
            capacity=p.weekly_capacity_hours,
            committed=max(committed[p.pk].values(), default=ZERO),
        )
        for p in people
    }


# --- fulfilment ---------------------------------------------------------------------------


def expected_hours(
    hours_per_week: Decimal, start: date, end: date, week: date, days: WorkingDays
) -> Decimal:
    """A weekly commitment's hours in one week, in proportion to the working days of that
    week it covers: a week with the Labour Day holiday expects less than a full week."""
    first, last = max(start, week), min(end, week + timedelta(days=6))
    if last < first:
        return ZERO
    covered = days.count(first, last)
    return (hours_per_week * covered / 5).quantize(Decimal("0.1"))


@dataclass
class Cell:
    committed: Decimal = ZERO
    logged: Decimal = ZERO

    @property
    def percent(self) -> int | None:
        if not self.committed:
            return None
        return round(self.logged * 100 / self.committed)

    @property
    def short(self) -> bool:
        """Under 80 % of what was committed: the threshold of the under-fulfilled reminder."""
        return bool(self.committed) and self.logged * 5 < self.committed * 4


@dataclass
class FulfilmentRow:
    label: str
    cells: list[Cell]
    person: User | None = None
    department: Department | None = None

    @property
    def total(self) -> Cell:
        return Cell(
            committed=sum((c.committed for c in self.cells), ZERO),
            logged=sum((c.logged for c in self.cells), ZERO),
        )


@dataclass
class Fulfilment:
    weeks: list[date]
    people: list[FulfilmentRow] = field(default_factory=list)
    departments: list[FulfilmentRow] = field(default_factory=list)
    rollout: FulfilmentRow | None = None


def fulfilment(*, rollout: Rollout, first: date, last: date, per_person: bool = True) -> Fulfilment:
    """Committed vs logged hours per week, per person, department and the whole rollout.
    Four queries: the calendar, commitments, logs grouped by person and week, the people.
    With per_person=False (the gate's evidence and the stance page need departments and
    the rollout only) the database groups commitments and logs by department instead: also
    four queries, and no person row read at all."""
    weeks = weeks_between(first, last)
    days = working_days(rollout, weeks[0], weeks[-1] + timedelta(days=6))
    expected = _Expected(weeks, days, rollout.calendar_id)
    result = Fulfilment(weeks=weeks)
    if per_person:
        by_department, departments = _people_rows(rollout, expected, result)
    else:
        by_department, departments = _department_totals(rollout, expected)
    ordered = sorted(by_department, key=lambda pk: (pk is None, _code(departments.get(pk))))
    for department_id in ordered:
        department = departments.get(department_id)
        result.departments.append(
            FulfilmentRow(
                label=department.name if department else "—",
                department=department,
                cells=_sum_cells(by_department[department_id], len(weeks)),
            )
        )
    everyone = [cells for of_department in by_department.values() for cells in of_department]
    result.rollout = FulfilmentRow(label=rollout.name, cells=_sum_cells(everyone, len(weeks)))
    return result


ByDepartment = dict[int | None, list[list["Cell"]]]
Departments = dict[int | None, Department | None]


class _Expected:
    """A commitment's expected hours in each week shown, on the working calendar of the
    person's department when it has one, else on the rollout's. A week the commitment
    covers whole is that week's working days, computed once per (hours, week, calendar)
    rather than per commitment: at 1,500 commitments a rollout that is most of the
    arithmetic saved."""

    def __init__(self, weeks: list[date], days: WorkingDays, rollout_calendar: int | None) -> None:
        self.weeks, self.rollout_calendar = weeks, rollout_calendar
        self.end = weeks[-1] + timedelta(days=6)
        # None: the rollout's calendar; otherwise a department's own, by id.
        self._days: dict[int | None, WorkingDays] = {None: days}
        self._whole_week_days: dict[int | None, list[int]] = {}
        self._whole: dict[tuple[Decimal, int, int | None], Decimal] = {}

    def _key(self, calendar_id: int | None) -> int | None:
        return None if calendar_id in (None, self.rollout_calendar) else calendar_id

    def use_calendars(self, calendar_ids: set[int | None]) -> None:
        """Read the departments' own calendars: one query, none when no department has one."""
        wanted = {pk for pk in map(self._key, calendar_ids) if pk is not None}
        wanted -= set(self._days)
        if wanted:
            for pk, days in calendars_working_days(wanted, self.weeks[0], self.end).items():
                self._days[pk] = days

    def _whole_days(self, key: int | None) -> list[int]:
        if key not in self._whole_week_days:
            days = self._days[key]
            self._whole_week_days[key] = [days.count(w, w + timedelta(days=6)) for w in self.weeks]
        return self._whole_week_days[key]

    def per_week(
        self, hours: Decimal, start: date, stop: date, calendar_id: int | None = None
    ) -> list[Decimal]:
        key = self._key(calendar_id)
        row = [ZERO] * len(self.weeks)
        # Only the weeks the commitment overlaps (the queries keep start <= end, stop >= first).
        first_i = max(0, (start - self.weeks[0]).days // 7)
        last_i = min(len(self.weeks) - 1, (stop - self.weeks[0]).days // 7)
        for i in range(first_i, last_i + 1):
            week = self.weeks[i]
            if start <= week and stop >= week + timedelta(days=6):
                whole_key = (hours, i, key)
                if whole_key not in self._whole:
                    whole = hours * self._whole_days(key)[i] / 5
                    self._whole[whole_key] = whole.quantize(Decimal("0.1"))
                row[i] = self._whole[whole_key]
            else:
                row[i] = expected_hours(hours, start, stop, week, self._days[key])
        return row

    def week_index(self, week: date | datetime) -> int:
        # A date from LoggedWeek; a datetime where a week is truncated in a query.
        week_of = week.date() if isinstance(week, datetime) else week
        return (week_of - self.weeks[0]).days // 7


def _holding(rollout: Rollout, expected: _Expected) -> QuerySet[Commitment]:
    return Commitment.objects.filter(
        request__rollout=rollout, start_date__lte=expected.end, end_date__gte=expected.weeks[0]
    ).exclude(status=Commitment.Status.ENDED)


def _logged_by_week(
    rollout: Rollout, expected: _Expected, member_ids: Any, group_by: str
) -> QuerySet[LoggedWeek, dict[str, Any]]:
    """The weekly totals the log table's triggers keep (work/logged_weeks.py): a row per
    person and week of this rollout, where the logs themselves were every log the people
    wrote in those weeks, on any rollout, of which this rollout's were kept."""
    totals: QuerySet[LoggedWeek, dict[str, Any]] = (
        LoggedWeek.objects.filter(
            rollout=rollout,
            member_id__in=member_ids,
            week__gte=expected.weeks[0],
            week__lte=expected.end,
        )
        .values(group_by, "week")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    return totals


def _people_rows(
    rollout: Rollout, expected: _Expected, result: Fulfilment
) -> tuple[ByDepartment, Departments]:
    width = len(expected.weeks)
    committed: dict[int, list[Decimal]] = {}
    holding = list(
        _holding(rollout, expected).values_list(
            "person_id",
            "start_date",
            "end_date",
            "hours_per_week",
            "person__department__calendar_id",
        )
    )
    expected.use_calendars({calendar for *_commitment, calendar in holding})
    for person_id, start, stop, hours, calendar in holding:
        row = committed.setdefault(person_id, [ZERO] * width)
        for i, value in enumerate(expected.per_week(hours, start, stop, calendar)):
            row[i] += value
    logged: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO] * width)
    for entry in _logged_by_week(rollout, expected, list(committed), "member_id"):
        logged[entry["member_id"]][expected.week_index(entry["week"])] += entry["total"] or ZERO
    people = (
        User.objects.filter(pk__in=list(committed))
        .select_related("department")
        .order_by("department__code", "username")
    )
    by_department: ByDepartment = defaultdict(list)
    departments: Departments = {}
    for person in people:
        departments[person.department_id] = person.department
        cells = _cells(committed[person.pk], logged[person.pk])
        result.people.append(
            FulfilmentRow(
                label=str(person), person=person, department=person.department, cells=cells
            )
        )
        by_department[person.department_id].append(cells)
    return by_department, departments


def _department_totals(rollout: Rollout, expected: _Expected) -> tuple[ByDepartment, Departments]:
    """Commitments grouped in the database by (department, dates, hours): the same
    commitment n times is its expected hours times n, rounded per commitment as before."""
    width = len(expected.weeks)
    holding = _holding(rollout, expected)
    committed: dict[int | None, list[Decimal]] = {}
    departments: Departments = {}
    groups = list(
        holding.values_list(
            "person__department_id",
            "person__department__code",
            "person__department__name_en",
            "person__department__name_zh_hans",
            "start_date",
            "end_date",
            "hours_per_week",
            "person__department__calendar_id",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    expected.use_calendars({calendar for *_group, calendar, _n in groups})
    for department_id, code, name_en, name_zh_hans, start, stop, hours, calendar, n in groups:
        if department_id not in departments:
            # Built from the grouped row: shown by name and keyed by id, never saved.
            departments[department_id] = (
                Department(pk=department_id, code=code, name_en=name_en, name_zh_hans=name_zh_hans)
                if department_id is not None
                else None
            )
        row = committed.setdefault(department_id, [ZERO] * width)
        for i, value in enumerate(expected.per_week(hours, start, stop, calendar)):
            row[i] += value * n
    logged: dict[int | None, list[Decimal]] = defaultdict(lambda: [ZERO] * width)
    # The ids as a list, not a subquery: PostgreSQL then reads the (member, day) index per
    # person, 10 ms instead of 25 on seed_scale.
    people = list(holding.values_list("person_id", flat=True).distinct().order_by())
    for entry in _logged_by_week(rollout, expected, people, "member__department_id"):
        week = expected.week_index(entry["week"])
        logged[entry["member__department_id"]][week] += entry["total"] or ZERO
    by_department: ByDepartment = {
        pk: [_cells(hours, logged[pk])] for pk, hours in committed.items()
    }
    return by_department, departments


def _code(department: Department | None) -> str:
    return department.code if department else ""


def _cells(committed: list[Decimal], logged: list[Decimal]) -> list[Cell]:
    return [Cell(c, lo) for c, lo in zip(committed, logged, strict=True)]


def _sum_cells(rows: list[list[Cell]], width: int) -> list[Cell]:
    return [
        Cell(
            committed=sum((cells[i].committed for cells in rows), ZERO),
            logged=sum((cells[i].logged for cells in rows), ZERO),
        )
        for i in range(width)
    ]


# --- capacity heatmap ---------------------------------------------------------------------


HEAT_LABELS = {"over": _lazy("overbooked"), "full": _lazy("full"), "free": _lazy("free")}


@dataclass
class HeatCell:
    committed: Decimal
    capacity: Decimal

    # Computed once per cell: a page shows 400 cells, and the template reads each twice.
    @cached_property
    def state(self) -> str:
        if self.committed > self.capacity:
            return "over"
        # Less than a day's worth (a fifth of the week) left: full for planning purposes.
        if (self.capacity - self.committed) * 5 < self.capacity:
            return "full"
        return "free"

    @property
    def free(self) -> Decimal:
        return self.capacity - self.committed

    @property
    def text(self) -> str:
        """ "12.5 / 40": what the template's floatformat:"-1" wrote, at a tenth of the cost."""
        return f"{_tenths(self.committed)} / {_tenths(self.capacity)}"


def _tenths(hours: Decimal) -> str:
    return hours_text(hours.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass
class HeatRow:
    person: User
    cells: list[HeatCell]


def department_members(*, department: Department) -> QuerySet[User]:
    """The department's active people, as the heatmap lists them."""
    return User.objects.filter(department=department, is_active=True).order_by("username")


def capacity_heatmap(
    *, department: Department, first: date, last: date, people: list[User] | None = None
) -> tuple[list[date], list[HeatRow]]:
    """Each person of the department (or the given page of them) and week: hours committed
    across every rollout against their weekly capacity. Two queries (one with `people`)."""
    weeks = weeks_between(first, last)
    end = weeks[-1] + timedelta(days=6)
    if people is None:
        people = list(department_members(department=department))
    per: dict[int, dict[date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    holding = Commitment.objects.filter(
        person__in=people,
        status__in=[Commitment.Status.PROPOSED, Commitment.Status.CONFIRMED],
        start_date__lte=end,
        end_date__gte=weeks[0],
    ).values_list("person_id", "start_date", "end_date", "hours_per_week")
    for person_id, start, stop, hours in holding:
        for week in weeks:
            if start <= week + timedelta(days=6) and stop >= week:
                per[person_id][week] += hours
    return weeks, [
        HeatRow(p, [HeatCell(per[p.pk][w], p.weekly_capacity_hours) for w in weeks]) for p in people
    ]


# --- the managers' signals ----------------------------------------------------------------


@dataclass
class ManagerSignals:
    manager: User
    department: Department
    current: StanceAssessment | None
    history: list[StanceAssessment]
    requests: int
    waiting: int
    average_wait_days: Decimal | None
    share_committed: int | None
    fulfilment_percent: int | None
    pulled_back: int
    counter_offers: int = 0
    declines: int = 0


def manager_signals(
    *, rollout: Rollout, managers: list[tuple[User, Department]], fulfilled: Fulfilment
) -> list[ManagerSignals]:
    """What the data says about each manager, beside (never instead of) the executive's
    assessment. Four queries for all managers together."""
    department_ids = [d.pk for _m, d in managers]
    assessments: dict[int, list[StanceAssessment]] = defaultdict(list)
    for a in StanceAssessment.objects.filter(
        rollout=rollout, manager__in=[m.pk for m, _d in managers]
    ).select_related("assessed_by"):
        assessments[a.manager_id].append(a)
    requests: dict[int, list[StaffingRequest]] = defaultdict(list)
    for r in StaffingRequest.objects.filter(rollout=rollout, department_id__in=department_ids):
        requests[r.department_id].append(r)
    # The hours answered, and the counter-offers and declines, per department: one query.
    committed: dict[int, Decimal] = defaultdict(Decimal)
    answered_as: dict[tuple[int, str], int] = defaultdict(int)
    for department_id, kind, total, count in (
        StaffingAnswer.objects.filter(request__rollout=rollout)
        .values("request__department_id", "kind")
        .annotate(total=Sum("hours_per_week"), count=Count("pk"))
        .values_list("request__department_id", "kind", "total", "count")
    ):
        committed[department_id] += total or ZERO
        answered_as[(department_id, kind)] += count
    pulled: dict[int, int] = defaultdict(int)
    for department_id in CommitmentEvent.objects.filter(
        commitment__request__rollout=rollout, kind=CommitmentEvent.Kind.PULLED_BACK
    ).values_list("commitment__request__department_id", flat=True):
        pulled[department_id] += 1
    fulfilled_by_department = {
        row.department.pk: row.total for row in fulfilled.departments if row.department
    }
    result = []
    for manager, department in managers:
        mine = requests[department.pk]
        answered = [r for r in mine if r.answered_at]
        waits = [
            Decimal((r.answered_at - r.created_at).total_seconds()) / 86400
            for r in answered
            if r.answered_at
        ]
        asked = sum((r.hours_per_week for r in mine if r.answered_at), ZERO)
        total = fulfilled_by_department.get(department.pk)
        result.append(
            ManagerSignals(
                manager=manager,
                department=department,
                current=assessments[manager.pk][0] if assessments[manager.pk] else None,
                history=assessments[manager.pk],
                requests=len(mine),
                waiting=len(mine) - len(answered),
                average_wait_days=(sum(waits, ZERO) / len(waits)).quantize(Decimal("0.1"))
                if waits
                else None,
                share_committed=round(committed[department.pk] * 100 / asked) if asked else None,
                fulfilment_percent=total.percent if total else None,
                pulled_back=pulled[department.pk],
                counter_offers=answered_as[(department.pk, StaffingAnswer.Kind.COUNTER)],
                declines=answered_as[(department.pk, StaffingAnswer.Kind.DECLINE)],
            )
        )
    return result


def staffing_plan_rows(*, rollout: Rollout) -> Table:
    """The staffing plan as a table (for xlsx/CSV): one row per commitment, and one per
    request that has none. Two queries."""
    from django.utils.translation import gettext as _

    headers = [
        _("Request"), _("Department"), _("Purpose"), _("Hours per week asked"), _("From"),
        _("To"), _("Request status"), _("Person"), _("Hours per week committed"),
        _("Committed from"), _("Committed to"), _("Commitment status"),
    ]  # fmt: skip
    rows: list[Row] = []
    for r in requests_of_rollout(rollout=rollout):
        base: Row = [
            r.pk, r.department.name, r.get_purpose_display(), r.hours_per_week,
            r.start_date, r.end_date, r.get_status_display(),
        ]  # fmt: skip
        commitments = list(r.commitments.all())
        if not commitments:
            rows.append([*base, "", "", "", "", ""])
        for c in commitments:
            rows.append(
                [
                    *base,
                    c.person.username,
                    c.hours_per_week,
                    c.start_date,
                    c.end_date,
                    c.get_status_display(),
                ]
            )
    return headers, rows


def latest_stances(*, rollout: Rollout) -> list[StanceAssessment]:
    """Each manager's latest assessment (one query)."""
    latest: dict[int, StanceAssessment] = {}
    for assessment in (
        StanceAssessment.objects.filter(rollout=rollout)
        .select_related("manager")
        .order_by("-created_at", "-pk")
    ):
        latest.setdefault(assessment.manager_id, assessment)
    return list(latest.values())


def departments_of_manager(*, manager: User, rollout: Rollout) -> QuerySet[Department]:
    """The departments the person answers for as a middle manager on the rollout."""
    held = RoleAssignment.objects.active().filter(
        rollout=rollout, person=manager, role=Role.MANAGER
    )
    return Department.objects.filter(pk__in=held.values("department_id")).order_by("code")


def stance_managers(*, ids: list[int]) -> QuerySet[User]:
    """The managers the stance form offers. The caller passes the ids it already holds from
    the rollout's assignments, so this adds no second read of them."""
    return User.objects.filter(pk__in=ids)
