"""Every read of the adoption measures: per measure, a department-by-month table of the last
months with a small chart (three queries, whatever the number of measures or values), and
which departments have not recorded last month (the Improve gate's criterion)."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from goals.adoption_chart import AdoptionChart, Line, adoption_chart
from goals.models import AdoptionMeasure, AdoptionValue
from roles.models import Department
from roles.selectors.people import departments_of_rollout
from rollout.models import Rollout

# This month and the four before it: the demo's four months and the one being recorded.
MONTHS_SHOWN = 5


@dataclass
class Cell:
    value: Decimal | None
    on_target: bool = False


@dataclass
class DepartmentRow:
    department: Department
    cells: list[Cell]
    # How the chart draws this department (its legend entry).
    line: Line | None = None

    @property
    def latest(self) -> Decimal | None:
        known = [cell.value for cell in self.cells if cell.value is not None]
        return known[-1] if known else None


@dataclass
class MeasureTable:
    measure: AdoptionMeasure
    months: list[date]
    rows: list[DepartmentRow]
    chart: AdoptionChart
    form: Any = field(default=None)


def months_up_to(today: date, count: int = MONTHS_SHOWN) -> list[date]:
    """The first day of the last `count` months, oldest first, this month's included."""
    days, day = [], today.replace(day=1)
    for _n in range(count):
        days.append(day)
        day = previous_month(day)
    return days[::-1]


def previous_month(day: date) -> date:
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


def adoption_tables(*, rollout: Rollout, today: date | None = None) -> list[MeasureTable]:
    months = months_up_to(today or timezone.localdate())
    departments = list(departments_of_rollout(rollout=rollout))
    measures = AdoptionMeasure.objects.filter(rollout=rollout).prefetch_related(
        Prefetch(
            "values",
            queryset=AdoptionValue.objects.filter(month__gte=months[0]).only(
                "measure_id", "department_id", "month", "value"
            ),
        )
    )
    tables = []
    for measure in measures:
        found = {(v.department_id, v.month): v.value for v in measure.values.all()}
        rows = []
        for department in departments:
            cells = []
            for month in months:
                value = found.get((department.pk, month))
                cells.append(Cell(value, value is not None and measure.on_target(value)))
            rows.append(DepartmentRow(department, cells))
        chart = adoption_chart(
            target=measure.target,
            months=len(months),
            lines=[[cell.value for cell in row.cells] for row in rows],
        )
        for row, line in zip(rows, chart.lines, strict=True):
            row.line = line
        tables.append(MeasureTable(measure=measure, months=months, rows=rows, chart=chart))
    return tables


def measures_of_rollout(*, rollout: Rollout) -> QuerySet[AdoptionMeasure]:
    """The rollout's measures, for the value form's choices (read when it renders)."""
    return AdoptionMeasure.objects.filter(rollout=rollout)


def measures_by_name(*, rollout: Rollout) -> dict[str, AdoptionMeasure]:
    """The rollout's measures keyed by their name, case folded (the import's lookup)."""
    return {
        m.name.casefold(): m
        for m in AdoptionMeasure.objects.filter(rollout=rollout).select_related("rollout")
    }


def unrecorded_last_month(
    *, rollout: Rollout, departments: list[Department], today: date | None = None
) -> tuple[date, int, list[str]]:
    """Last month, how many measures there are, and the departments (of those given) that
    lack a value of some measure for it: two queries."""
    month = previous_month(today or timezone.localdate())
    measure_ids = list(AdoptionMeasure.objects.filter(rollout=rollout).values_list("pk", flat=True))
    recorded: dict[int, set[int]] = {}
    for department_id, measure_id in AdoptionValue.objects.filter(
        measure_id__in=measure_ids, month=month
    ).values_list("department_id", "measure_id"):
        recorded.setdefault(department_id, set()).add(measure_id)
    missing = [d.name for d in departments if recorded.get(d.pk, set()) != set(measure_ids)]
    return month, len(measure_ids), missing
