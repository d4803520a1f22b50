"""The progress page's figures as one value, kept in the page cache (rollout/page_cache.py):
keyed by the rollout's data version, so the next request after any write reads them
afresh. The same for every reader who may open the page (the view checks access first)."""

from dataclasses import dataclass

from rollout import page_cache
from rollout.models import Rollout
from work import progress
from work.models import Objective, Workstream
from work.selectors import LateAndBlocked, late_and_blocked


@dataclass
class ProgressFigures:
    objectives: list[Objective]
    workstreams: list[Workstream]
    departments: list[progress.DepartmentProgress]
    late: LateAndBlocked
    points: list[progress.BurnUpPoint]
    chart: progress.Chart


def _compute(rollout: Rollout, listed: int) -> ProgressFigures:
    points = progress.burn_up(rollout)
    return ProgressFigures(
        objectives=list(progress.objectives_progress(rollout)),
        workstreams=list(progress.workstreams_progress(rollout)),
        departments=progress.departments_progress(rollout),
        late=late_and_blocked(rollout, listed=listed),
        points=points,
        chart=progress.burn_up_chart(points),
    )


def progress_figures(*, rollout: Rollout, listed: int) -> ProgressFigures:
    return page_cache.cached(
        rollout,
        f"progress-{listed}",
        reader_key="all",
        compute=lambda: _compute(rollout, listed),
    )
