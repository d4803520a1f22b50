"""The figures of the success formula (gates.success_formula) for one rollout: from a gate's
evidence pack where the page has one (seven queries more), or read afresh (the overview)."""

from decimal import Decimal

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
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
    overdue_mitigations = Risk.objects.filter(rollout=rollout).filter(overdue(today)).count()
    total = fulfilment.rollout.total if fulfilment.rollout else None
    stances = [s.stance for s in stance_rows]
    core = [w for w in workstreams if w.is_core]
    other = [w for w in workstreams if not w.is_core]
    conditions = DecisionCondition.objects.filter(
        decision__gate__rollout=rollout, met__isnull=True, decision__superseded_by__isnull=True
    ).aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
    chosen = (
        Decision.objects.filter(
            gate__rollout=rollout, vendor__isnull=False, superseded_by__isnull=True
        )
        .order_by("-created_at")
        .values_list("vendor__name", flat=True)
        .first()
    )
    recommended = chosen or (recommendation.vendor if recommendation else None)
    is_top, lead = _standing(rollout, recommended)
    reviewed, meeting = _qualities(rollout)
    return SuccessFigures(
        fulfilment_percent=total.percent if total else None,
        members_reviewed=reviewed,
        members_meeting_qualities=meeting,
        managers_resisting=stances.count(ManagerStance.RESISTANCE),
        managers_in_friction=stances.count(ManagerStance.FRICTION),
        recommended_vendor=recommended,
        recommended_is_top=is_top,
        lead_points=lead,
        open_conditions=conditions["open"],
        overdue_conditions=conditions["overdue"],
        core_verified_percent=_verified(core),
        other_verified_percent=_verified(other),
        unfinished_tasks=late.unfinished_count,
        overdue_tasks=late.overdue_count,
        open_high_risks=high_risks,
        overdue_mitigations=overdue_mitigations,
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


def _qualities(rollout: Rollout) -> tuple[int, int]:
    """Members with a four-qualities review, and those whose latest shows all four at
    QUALITY_LEVEL or above (one query)."""
    latest = (
        QualityReview.objects.filter(rollout=rollout)
        .annotate(
            newest=Window(
                RowNumber(),
                partition_by=[F("member_id")],
                order_by=[F("period").desc(), F("created_at").desc(), F("pk").desc()],
            )
        )
        .filter(newest=1)
        .values_list(*QUALITY_FIELDS)
    )
    levels = list(latest)
    return len(levels), sum(1 for row in levels if min(row) >= QUALITY_LEVEL)
