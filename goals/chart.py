"""A target's small chart as server-side SVG, as the burn-up and the timeline are: the
coordinates are computed here and the template only writes them out. No script, so
nothing for the CSP to allow, and it prints. The baseline and the target are drawn as
level lines, the actual values as a line with a dot each, over the days from the first
value (or today) to the due date."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

WIDTH = 300
HEIGHT = 110
# Room under the lowest line and over the highest, so a dot on either is not cut.
MARGIN = 8


@dataclass
class Dot:
    x: float
    y: float
    as_of: date
    value: Decimal


@dataclass
class TargetChart:
    width: int
    height: int
    baseline_y: float
    target_y: float
    line: str  # the polyline's points
    dots: list[Dot]
    first_day: date
    last_day: date
    top: Decimal
    bottom: Decimal


def target_chart(
    *,
    baseline: Decimal,
    target: Decimal,
    due_date: date,
    actuals: list[tuple[date, Decimal]],
    today: date,
) -> TargetChart:
    """`actuals` oldest first."""
    first = actuals[0][0] if actuals else today
    last = max(due_date, actuals[-1][0] if actuals else today, first)
    span = max((last - first).days, 1)
    values = [baseline, target, *(value for _day, value in actuals)]
    top, bottom = max(values), min(values)
    height = top - bottom or Decimal("1")

    def x(day: date) -> float:
        return round((day - first).days * WIDTH / span, 1)

    def y(value: Decimal) -> float:
        return round(MARGIN + float((top - value) / height) * (HEIGHT - 2 * MARGIN), 1)

    dots = [Dot(x(day), y(value), day, value) for day, value in actuals]
    return TargetChart(
        width=WIDTH,
        height=HEIGHT,
        baseline_y=y(baseline),
        target_y=y(target),
        line=" ".join(f"{dot.x},{dot.y}" for dot in dots),
        dots=dots,
        first_day=first,
        last_day=last,
        top=top,
        bottom=bottom,
    )
