"""The timeline drawn as server-side SVG, as the burn-up is: the coordinates are computed
here and the template only writes them out. No script, so nothing for the CSP to allow,
and it prints."""

import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from gates.selectors.timeline import Phase, TaskBar, Timeline

WIDTH = 960
LABELS = 230  # the task titles' column on the left
ROW = 24
BAR = 14
PHASE_Y = 24
GATE_Y = 62
TASKS_Y = 96
MAX_TICKS = 12
TITLE_WIDTH = 34  # in half-width characters: a Chinese character counts two


@dataclass
class PhaseBand:
    phase: Phase
    x: float
    width: float
    label_x: float
    ongoing: bool


@dataclass
class GateMarker:
    phase: Phase
    x: float
    points: str  # a diamond
    label_x: float
    label_y: int  # above the diamond for odd gates, below for even: neighbours do not overlap


@dataclass
class Bar:
    task: TaskBar
    y: float
    x: float
    width: float
    label: str
    label_y: float


@dataclass
class Link:
    path: str
    critical: bool


@dataclass
class Tick:
    x: float
    label: str
    label_x: float


@dataclass
class Chart:
    width: int
    height: int
    labels: int
    phase_y: int
    phase_label_y: int
    gate_label_y: int
    bar_height: int
    phases: list[PhaseBand]
    gates: list[GateMarker]
    bars: list[Bar]
    links: list[Link]
    ticks: list[Tick]
    today_x: float
    today_label_x: float
    today_label_y: int


def short(title: str, width: int = TITLE_WIDTH) -> str:
    """The title cut to `width` columns, a wide (Chinese) character counting two."""
    used = 0
    for i, char in enumerate(title):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > width:
            return title[:i].rstrip() + "…"
    return title


def _months(first: date, last: date) -> list[date]:
    months = []
    day = first.replace(day=1)
    while day <= last:
        if day >= first:
            months.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    step = -(-len(months) // MAX_TICKS) or 1
    return months[::step]


def timeline_chart(timeline: Timeline) -> Chart:
    first, last = timeline.first_day, timeline.last_day + timedelta(days=1)
    span = max((last - first).days, 1)
    scale = (WIDTH - LABELS - 10) / span

    def x(day: date) -> float:
        return round(LABELS + (day - first).days * scale, 1)

    bars = []
    rows: dict[int, Bar] = {}
    for n, task in enumerate(timeline.tasks):
        start, end = x(task.starts), x(task.due + timedelta(days=1))
        y = TASKS_Y + n * ROW
        bar = Bar(task, y, start, max(end - start, 2.0), short(task.title), label_y=y + 11)
        bars.append(bar)
        rows[task.pk] = bar
    links = []
    for bar in bars:
        for blocker in bar.task.waits_for:
            before = rows.get(blocker.pk)
            if before is None:
                continue  # not drawn: the table names it
            x1, y1 = before.x + before.width, before.y + BAR / 2
            x2, y2 = bar.x, bar.y + BAR / 2
            path = f"M{x1:.1f},{y1:.1f} h6 V{y2:.1f} H{x2:.1f}"
            links.append(Link(path, before.task.critical and bar.task.critical))
    phases, gates = [], []
    for phase in timeline.phases:
        if phase.starts is not None:
            end = x(phase.ends) if phase.ends else WIDTH - 10
            start = x(phase.starts)
            phases.append(PhaseBand(phase, start, max(end - start, 2.0), start + 4, not phase.ends))
        if phase.mark.on is not None:
            gx = x(phase.mark.on)
            points = f"{gx},{GATE_Y - 8} {gx + 8},{GATE_Y} {gx},{GATE_Y + 8} {gx - 8},{GATE_Y}"
            label_y = GATE_Y - 11 if phase.mark.gate.order % 2 else GATE_Y + 20
            gates.append(GateMarker(phase, gx, points, label_x=round(gx + 6, 1), label_y=label_y))
    height = TASKS_Y + max(len(bars), 1) * ROW + 16
    today = x(timeline.today)
    # Every position the template writes is computed here, labels' offsets included: the
    # template's add filter would cut a float to an integer (123.7|add:2 is 125).
    return Chart(
        width=WIDTH,
        height=height,
        labels=LABELS,
        phase_y=PHASE_Y,
        phase_label_y=PHASE_Y + 14,
        gate_label_y=GATE_Y + 4,
        bar_height=BAR,
        phases=phases,
        gates=gates,
        bars=bars,
        links=links,
        ticks=[Tick(x(m), m.strftime("%Y-%m"), round(x(m) + 2, 1)) for m in _months(first, last)],
        today_x=today,
        today_label_x=round(today + 3, 1),
        today_label_y=height - 2,
    )
