"""An adoption measure's small chart as server-side SVG, as the goal's targets have (no
script, nothing for the CSP to allow, it prints): one line per department over the months
shown, and the target as a level line. The template only writes the coordinates out."""

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 300
HEIGHT = 110
MARGIN = 8
# Told apart by more than colour: each line also has its own dash (for readers who do not
# see the colours) and the table beside the chart holds the same figures.
STYLES = (
    ("#0d6efd", ""),
    ("#d63384", "6 3"),
    ("#fd7e14", "2 3"),
    ("#20c997", "8 3 2 3"),
    ("#6f42c1", "4 4"),
)


@dataclass
class Line:
    points: str
    colour: str
    dash: str


@dataclass
class AdoptionChart:
    width: int
    height: int
    target_y: float
    lines: list[Line]


def adoption_chart(
    *, target: Decimal, months: int, lines: list[list[Decimal | None]]
) -> AdoptionChart:
    """`lines`: per department, a value (or None) for each month, oldest first."""
    values = [target, *(v for line in lines for v in line if v is not None)]
    top, bottom = max(values), min(min(values), Decimal("0"))
    height = top - bottom or Decimal("1")
    step = WIDTH / max(months - 1, 1)

    def y(value: Decimal) -> float:
        return round(MARGIN + float((top - value) / height) * (HEIGHT - 2 * MARGIN), 1)

    drawn = []
    for index, line in enumerate(lines):
        colour, dash = STYLES[index % len(STYLES)]
        points = " ".join(
            f"{round(n * step, 1)},{y(v)}" for n, v in enumerate(line) if v is not None
        )
        drawn.append(Line(points, colour, dash))
    return AdoptionChart(width=WIDTH, height=HEIGHT, target_y=y(target), lines=drawn)
