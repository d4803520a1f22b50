"""The figures of the success formula (gates.success_formula) for one rollout: from a gate's
evidence pack where the page has one (five queries more), or read afresh (the overview)."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Exists, IntegerField, OuterRef, Q, Subquery
from django.utils import timezone

from core.percent import percent
from gates.models import Decision, DecisionCondition
from gates.selectors.evidence_pack import EvidencePack, recent_fulfilment
from gates.success_formula import SuccessFigures
from risks import selectors as risk_selectors
from risks.models import Risk
from risks.policies import overdue
from rollout.models import Rollout
from selection import selectors as selection_selectors
from staffing import selectors as staffing_selectors
from staffing.models import ManagerStance
from work import progress
from work import selectors as work_selectors
from work.models import QualityReview, Workstream
from work.qualities import QUALITY_FIELDS

# A member "shows" the four qualities at this level or above on each (the scale's "as expected").
QUALITY_LEVEL = 3


def success_figures(*, rollout: Rollout, pack: EvidencePack | None = None) -> SuccessFigures:
    """With a gate's evidence pack, its figures are reused; without, read here."""
    today = timezone.localdate()
    if pack is not None:
        fulfilment, late = pack.fulfilment, pack.late
        stance_rows, workstreams = pack.stances, pack.workstreams
        recommendation = pack.selection
        high_risks = len(pack.high_risks)
    else:
        fulfilment = recent_fulfilment(rollout)
        late = work_selectors.late_and_blocked(rollout, listed=0, list_waiting=False)
        stance_rows = staffing_selectors.latest_stances(rollout=rollout)
        workstreams = list(progress.workstreams_progress(rollout).prefetch_related(None))
        recommendation = selection_selectors.recommendation_for_rollout(rollout=rollout)
        high_risks = len(risk_selectors.open_high_risks(rollout=rollout))
    total = fulfilment.rollout.total if fulfilment.rollout else None
    stances = [s.stance for s in stance_rows]
    core = [w for w in workstreams if w.is_core]
    other = [w for w in workstreams if not w.is_core]
    counts = _counts(rollout, today)
    chosen = counts["chosen"]
    recommended = chosen or (recommendation.vendor if recommendation else None)
    is_top, lead = _standing(rollout, recommended)
    return SuccessFigures(
        fulfilment_percent=total.percent if total else None,
        members_reviewed=counts["reviewed"],
        members_meeting_qualities=counts["meeting"],
        managers_resisting=stances.count(ManagerStance.RESISTANCE),
        managers_in_friction=stances.count(ManagerStance.FRICTION),
        recommended_vendor=recommended,
        recommended_is_top=is_top,
        lead_points=lead,
        open_conditions=counts["open_conditions"],
        overdue_conditions=counts["overdue_conditions"],
        core_verified_percent=_verified(core),
        other_verified_percent=_verified(other),
        unfinished_tasks=late.unfinished_count,
        overdue_tasks=late.overdue_count,
        open_high_risks=high_risks,
        overdue_mitigations=counts["overdue_mitigations"],
    )


def _verified(workstreams: list[Workstream]) -> int | None:
    """The share of the workstreams' estimate verified (annotated by work.progress)."""
    estimate = sum((Decimal(w.estimate) for w in workstreams), Decimal(0))  # type: ignore[attr-defined]
    if not estimate:
        return None
    verified = sum((Decimal(w.verified_estimate) for w in workstreams), Decimal(0))  # type: ignore[attr-defined]
    return percent(verified, estimate)


def _standing(rollout: Rollout, recommended: str | None) -> tuple[bool, Decimal | None]:
    """Whether the recommended vendor tops the weighted scores, and by how much over the
    next: the results' queries only once there is a recommendation."""
    if recommended is None:
        return False, None
    rows = selection_selectors.results(rollout=rollout).vendors
    is_top = bool(rows) and rows[0].vendor.name == recommended
    lead = rows[0].total - rows[1].total if len(rows) > 1 else None
    return is_top, lead


class _Count(Subquery):
    """How many rows the queryset (filtered by OuterRef("pk")) gives, as an annotation: a
    count over the subquery, so a DISTINCT inside it counts distinct rows."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()


def _counts(rollout: Rollout, today: date) -> dict[str, Any]:
    """The figures read from the rollout's own rows, in one query: its open decision
    conditions and those overdue, overdue risk mitigations, the vendor a standing decision
    chose, and the members with a four-qualities review and those whose latest shows all
    four at QUALITY_LEVEL or above."""
    conditions = DecisionCondition.objects.filter(
        decision__gate__rollout=OuterRef("pk"),
        met__isnull=True,
        decision__superseded_by__isnull=True,
    )
    reviews = QualityReview.objects.filter(rollout=OuterRef("pk"))
    # A member's latest review: none of theirs comes after it in (period, written, id).
    newer = QualityReview.objects.filter(
        rollout=OuterRef("rollout"), member=OuterRef("member")
    ).filter(
        Q(period__gt=OuterRef("period"))
        | Q(period=OuterRef("period"), created_at__gt=OuterRef("created_at"))
        | Q(period=OuterRef("period"), created_at=OuterRef("created_at"), pk__gt=OuterRef("pk"))
    )
    meeting = reviews.filter(~Exists(newer), **{f"{f}__gte": QUALITY_LEVEL for f in QUALITY_FIELDS})
    return (
        Rollout.objects.filter(pk=rollout.pk)
        .annotate(
            open_conditions=_Count(conditions),
            overdue_conditions=_Count(conditions.filter(due_date__lt=today)),
            overdue_mitigations=_Count(
                Risk.objects.filter(rollout=OuterRef("pk")).filter(overdue(today))
            ),
            chosen=Subquery(
                Decision.objects.filter(
                    gate__rollout=OuterRef("pk"), vendor__isnull=False, superseded_by__isnull=True
                )
                .order_by("-created_at")
                .values("vendor__name")[:1]
            ),
            reviewed=_Count(reviews.order_by().values("member").distinct()),
            meeting=_Count(meeting),
        )
        .values(
            "open_conditions",
            "overdue_conditions",
            "overdue_mitigations",
            "chosen",
            "reviewed",
            "meeting",
        )
        .get()
    )
