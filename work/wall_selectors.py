"""Reading a rollout's walls (work.walls): every cross-department workstream with its
hand-offs and old ways (the Walls page), the counts and the overdue old ways (the
overview), and what is still standing (the go-live gate's evidence). A fixed number of
queries each, however many rows."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from rollout.models import Rollout
from work.models import Workstream
from work.walls import Handoff, HandoffState, OldWayRetirement

# How many open hand-offs and old ways the evidence and the overview list by name.
LISTED = 20


def cross_department_workstreams(*, rollout: Rollout) -> QuerySet[Workstream]:
    """The workstreams that cross two departments or more, core first, each with its
    departments, hand-offs and old ways (four queries)."""
    return (
        Workstream.objects.filter(rollout=rollout)
        .annotate(crossed=Count("departments"))
        .filter(crossed__gte=2)
        .prefetch_related(
            "departments",
            Prefetch(
                "handoffs",
                Handoff.objects.select_related("from_department", "to_department", "owner"),
            ),
            Prefetch(
                "old_ways",
                OldWayRetirement.objects.select_related("owner", "retired_by"),
            ),
        )
    )


@dataclass
class WallsSummary:
    handoffs: int = 0
    running: int = 0
    old_ways: int = 0
    retired: int = 0
    overdue: int = 0
    # The overdue old ways, most overdue first (at most LISTED).
    overdue_listed: list[OldWayRetirement] = field(default_factory=list)

    @property
    def not_running(self) -> int:
        return self.handoffs - self.running

    @property
    def not_retired(self) -> int:
        return self.old_ways - self.retired


def _open_old_ways(rollout: Rollout) -> QuerySet[OldWayRetirement]:
    return OldWayRetirement.objects.filter(
        workstream__rollout=rollout, retired_at__isnull=True
    ).select_related("workstream", "owner")


def walls_summary(*, rollout: Rollout, today: date) -> WallsSummary:
    """The counts and the overdue old ways (three queries)."""
    handoffs = Handoff.objects.filter(workstream__rollout=rollout).aggregate(
        total=Count("pk"), running=Count("pk", filter=Q(state=HandoffState.RUNNING))
    )
    old_ways = OldWayRetirement.objects.filter(workstream__rollout=rollout).aggregate(
        total=Count("pk"),
        retired=Count("pk", filter=Q(retired_at__isnull=False)),
        overdue=Count("pk", filter=Q(retired_at__isnull=True, retire_by__lt=today)),
    )
    summary = WallsSummary(
        handoffs=handoffs["total"],
        running=handoffs["running"],
        old_ways=old_ways["total"],
        retired=old_ways["retired"],
        overdue=old_ways["overdue"],
    )
    if summary.overdue:
        overdue = _open_old_ways(rollout).filter(retire_by__lt=today)
        summary.overdue_listed = list(overdue.order_by("retire_by", "pk")[:LISTED])
    return summary


@dataclass
class StandingWalls:
    """What the go-live gate's evidence lists: hand-offs not yet running in the CRM and old
    ways not yet retired, with the counts (the lists hold at most LISTED each)."""

    summary: WallsSummary
    handoffs: list[Handoff]
    old_ways: list[OldWayRetirement]
    today: date  # the day it was read: an old way past its date then is overdue


def standing_walls(*, rollout: Rollout, today: date) -> StandingWalls:
    """Five queries at most."""
    summary = walls_summary(rollout=rollout, today=today)
    handoffs: list[Handoff] = []
    if summary.not_running:
        handoffs = list(
            Handoff.objects.filter(workstream__rollout=rollout)
            .exclude(state=HandoffState.RUNNING)
            .select_related("workstream", "from_department", "to_department", "owner")
            .order_by("workstream__name", "pk")[:LISTED]
        )
    old_ways: list[OldWayRetirement] = []
    if summary.not_retired:
        old_ways = list(_open_old_ways(rollout).order_by("retire_by", "pk")[:LISTED])
    return StandingWalls(summary=summary, handoffs=handoffs, old_ways=old_ways, today=today)
