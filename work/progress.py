"""The executive's progress page: the rollout's work by objective, by workstream (core
first), by department, and over time. Aggregated in the database: the number of queries is
fixed, and the rows returned grow with objectives, workstreams and weeks, not with tasks."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from core.percent import percent
from roles.models import Department
from rollout.models import Rollout
from work.models import Objective, Task, Workstream

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=12, decimal_places=2))


def _work_totals(prefix: str = "tasks__") -> dict[str, Any]:
    verified = Q(**{f"{prefix}status": Task.Status.VERIFIED})
    return {
        "task_count": Count(f"{prefix}pk", distinct=True),
        "verified_count": Count(f"{prefix}pk", filter=verified, distinct=True),
        "claimed_count": Count(
            f"{prefix}pk", filter=Q(**{f"{prefix}status": Task.Status.CLAIMED}), distinct=True
        ),
        "sent_back_count": Count(
            f"{prefix}pk", filter=Q(**{f"{prefix}status": Task.Status.SENT_BACK}), distinct=True
        ),
        "estimate": Coalesce(Sum(f"{prefix}estimate_hours"), ZERO),
        "verified_estimate": Coalesce(Sum(f"{prefix}estimate_hours", filter=verified), ZERO),
    }


def objectives_progress(rollout: Rollout) -> QuerySet[Objective]:
    return (
        Objective.objects.filter(rollout=rollout)
        .select_related("department")
        .annotate(**_work_totals())
        .order_by("due_date", "title")
    )


def workstreams_progress(rollout: Rollout) -> QuerySet[Workstream]:
    return (
        Workstream.objects.filter(rollout=rollout)
        .prefetch_related(Prefetch("departments", queryset=Department.objects.order_by("code")))
        .annotate(**_work_totals())
        .order_by("-is_core", "name")
    )


@dataclass
class DepartmentProgress:
    department: Department
    task_count: int
    verified_count: int
    claimed_count: int
    sent_back_count: int
    estimate: Decimal
    verified_estimate: Decimal
    hours_logged: Decimal

    @property
    def percent(self) -> int:
        return percent(self.verified_estimate, self.estimate)


def departments_progress(rollout: Rollout) -> list[DepartmentProgress]:
    rows = (
        Task.objects.filter(rollout=rollout)
        .values("department_id")
        .annotate(**_work_totals(prefix=""), hours_logged=Coalesce(Sum("hours_logged"), ZERO))
        .order_by("department_id")
    )
    departments = Department.objects.in_bulk([row["department_id"] for row in rows])
    return [
        DepartmentProgress(
            department=departments[row["department_id"]],
            task_count=row["task_count"],
            verified_count=row["verified_count"],
            claimed_count=row["claimed_count"],
            sent_back_count=row["sent_back_count"],
            estimate=row["estimate"],
            verified_estimate=row["verified_estimate"],
            hours_logged=row["hours_logged"],
        )
        for row in rows
    ]


@dataclass
class BurnUpPoint:
    day: date
    scope: Decimal  # estimated hours of every task created by that day
    verified: Decimal  # estimated hours of the tasks verified by that day


def burn_up(rollout: Rollout, *, today: date | None = None) -> list[BurnUpPoint]:
    """Weekly points from the first task to today. Two grouped queries."""
    today = today or timezone.localdate()
    tasks = Task.objects.filter(rollout=rollout).order_by()
    created = dict(
        tasks.annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(total=Sum("estimate_hours"))
        .values_list("day", "total")
    )
    verified = dict(
        tasks.filter(verified_at__isnull=False)
        .annotate(day=TruncDate("verified_at"))
        .values("day")
        .annotate(total=Sum("estimate_hours"))
        .values_list("day", "total")
    )
    if not created:
        return []
    start = min(created)
    weeks = [start + timedelta(days=7 * n) for n in range((today - start).days // 7 + 1)]
    if weeks[-1] != today:
        weeks.append(today)
    # Running totals over the sorted days, one pass: summing every earlier day again for
    # each week took 100 weeks x 700 days of additions on a two-year rollout.
    points, scope, done = [], Decimal("0"), Decimal("0")
    created_days, verified_days = sorted(created), sorted(verified)
    next_created = next_verified = 0
    for week_end in weeks:
        while next_created < len(created_days) and created_days[next_created] <= week_end:
            scope += created[created_days[next_created]]
            next_created += 1
        while next_verified < len(verified_days) and verified_days[next_verified] <= week_end:
            done += verified[verified_days[next_verified]]
            next_verified += 1
        points.append(BurnUpPoint(day=week_end, scope=scope, verified=done))
    return points


@dataclass
class Chart:
    """A burn-up drawn as server-side SVG: no script, so nothing for the CSP to allow."""

    width: int
    height: int
    scope_points: str
    verified_points: str
    max_hours: Decimal
    first_day: date | None
    last_day: date | None


def burn_up_chart(points: list[BurnUpPoint], width: int = 640, height: int = 220) -> Chart:
    top = max((p.scope for p in points), default=Decimal("0")) or Decimal("1")
    step = width / max(len(points) - 1, 1)

    def line(values: list[Decimal]) -> str:
        return " ".join(
            f"{i * step:.1f},{height - float(v / top) * height:.1f}" for i, v in enumerate(values)
        )

    return Chart(
        width=width,
        height=height,
        scope_points=line([p.scope for p in points]),
        verified_points=line([p.verified for p in points]),
        max_hours=top,
        first_day=points[0].day if points else None,
        last_day=points[-1].day if points else None,
    )
