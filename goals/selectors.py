"""Every read of the goal: the targets of a rollout with their actual values, the latest
one, the progress toward the target and the chart (two queries, whatever the number of
targets or values), and how many targets a rollout has (for the gates)."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from goals.chart import TargetChart, target_chart
from goals.models import GoalTarget, TargetActual
from rollout.models import Rollout


@dataclass
class TargetRow:
    target: GoalTarget
    actuals: list[TargetActual]
    chart: TargetChart
    # The view's forms for this row (record an actual), bound again when refused.
    form: Any = None

    @property
    def latest(self) -> TargetActual | None:
        return self.actuals[-1] if self.actuals else None

    @property
    def progress(self) -> int | None:
        """How far the latest value has come from the baseline toward the target, in
        percent: 0 at the baseline, 100 on the target, beyond 100 past it, below 0 when it
        went the wrong way. The direction follows the figures (lower is better when the
        target is below the baseline)."""
        if self.latest is None:
            return None
        moved = self.latest.value - self.target.baseline
        wanted = self.target.target - self.target.baseline
        return int((moved / wanted * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))

    @property
    def progress_bar(self) -> int:
        """The progress as a bar can show it: 0 to 100."""
        return max(0, min(100, self.progress or 0))

    @property
    def reached(self) -> bool:
        return self.progress is not None and self.progress >= 100


def targets_of_rollout(*, rollout: Rollout, today: date | None = None) -> list[TargetRow]:
    today = today or timezone.localdate()
    targets = (
        GoalTarget.objects.filter(rollout=rollout)
        .select_related("owner")
        .prefetch_related(
            Prefetch(
                "actuals",
                queryset=TargetActual.objects.select_related("recorded_by").order_by("as_of"),
            )
        )
        .order_by("due_date", "pk")
    )
    rows = []
    for target in targets:
        actuals = list(target.actuals.all())
        chart = target_chart(
            baseline=target.baseline,
            target=target.target,
            due_date=target.due_date,
            actuals=[(a.as_of, a.value) for a in actuals],
            today=today,
        )
        rows.append(TargetRow(target=target, actuals=actuals, chart=chart))
    return rows


def target_count(*, rollout: Rollout) -> int:
    return GoalTarget.objects.filter(rollout=rollout).count()


def targets_by_measure(*, rollout: Rollout) -> dict[str, GoalTarget]:
    """The rollout's targets keyed by their measure, case folded (the import's lookup)."""
    return {
        t.measure.casefold(): t
        for t in GoalTarget.objects.filter(rollout=rollout).select_related("owner", "rollout")
    }
