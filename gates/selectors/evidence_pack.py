"""The evidence pack of a gate: everything the executive decides on, on one page, and a
fingerprint of it (SHA-256 of its figures) stored with the decision. A fixed number of
queries, whatever the size of the rollout."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.percent import percent
from gates.models import Decision, Gate, GateAdvice, GateCriterion
from goals import adoption_selectors
from goals import selectors as goal_selectors
from risks import selectors as risk_selectors
from risks.models import Risk, RiskReview
from roles import selectors as role_selectors
from roles.models import RoleAssignment
from rollout.calendar import week_start
from rollout.models import Rollout
from selection.selectors import SelectionRecommendation, recommendation_for_rollout
from staffing import selectors as staffing_selectors
from staffing.models import StanceAssessment
from work import progress
from work import selectors as work
from work.improvement_selectors import BacklogState, backlog_states
from work.models import Objective, Workstream
from work.wall_selectors import StandingWalls, standing_walls

FULFILMENT_WEEKS = 4
LISTED = 20
# The gate whose evidence lists the walls still standing: going live with the old way still
# running beside the CRM (the paper form, the re-keying) is what the article warns about.
WALLS_GATE = "go_live"


@dataclass
class CriterionState:
    criterion: GateCriterion
    met: bool
    detail: str


@dataclass
class EvidencePack:
    gate: Gate
    criteria: list[CriterionState]
    fulfilment: staffing_selectors.Fulfilment
    workstreams: list[Workstream]
    late: work.LateAndBlocked
    stances: list[StanceAssessment]
    recommendations: list[GateAdvice]
    selection: SelectionRecommendation | None
    decisions: list[Decision]
    # The rollout's active roles: the seats and departments the criteria look at, and who
    # the executive is (the page reads it from here instead of asking again).
    assignments: list[RoleAssignment] = field(default_factory=list)
    # The open high risks (risks.policies), highest first, and the review of the register
    # since the previous gate (None: not reviewed since).
    high_risks: list[Risk] = field(default_factory=list)
    risk_review: RiskReview | None = None
    # The go-live gate's only: hand-offs not running yet, old ways not retired yet.
    walls: StandingWalls | None = None
    fingerprint: str = field(default="")

    def is_executive(self, person_id: int | None) -> bool:
        executive = role_selectors.executive_of(self.assignments)
        return executive is not None and executive.person_id == person_id

    @property
    def all_met(self) -> bool:
        return all(state.met for state in self.criteria)


def recent_fulfilment(rollout: Rollout) -> staffing_selectors.Fulfilment:
    """Departments' and the rollout's committed vs logged hours, the last FULFILMENT_WEEKS."""
    this_week = week_start(timezone.localdate())
    return staffing_selectors.fulfilment(
        rollout=rollout,
        first=this_week - timedelta(weeks=FULFILMENT_WEEKS),
        last=this_week,
        per_person=False,
    )


def evidence_pack(*, gate: Gate) -> EvidencePack:
    rollout = gate.rollout
    fulfilled = recent_fulfilment(rollout)
    # The evidence shows workstreams' counts, not their departments.
    workstreams = list(progress.workstreams_progress(rollout).prefetch_related(None))
    selection = recommendation_for_rollout(rollout=rollout)
    pack = EvidencePack(
        gate=gate,
        criteria=[],
        fulfilment=fulfilled,
        workstreams=workstreams,
        late=work.late_and_blocked(rollout, listed=LISTED, list_waiting=False),
        stances=staffing_selectors.latest_stances(rollout=rollout),
        recommendations=list(gate.recommendations.select_related("by")),
        selection=selection,
        decisions=decisions_of(gate),
        assignments=list(role_selectors.active_assignments_of_rollout(rollout=rollout)),
        high_risks=risk_selectors.open_high_risks(rollout=rollout),
    )
    if gate.key == WALLS_GATE:
        pack.walls = standing_walls(rollout=rollout, today=timezone.localdate())
    pack.criteria = _judge(gate, pack)
    pack.fingerprint = fingerprint(pack)
    return pack


def decisions_of(gate: Gate) -> list[Decision]:
    """The gate's decisions with all they recorded (conditions, vendor, approach, the phase
    and tasks to redo): three queries."""
    return list(
        gate.decisions.select_related(
            "decided_by", "vendor", "approach__pilot_department", "recycle_phase"
        ).prefetch_related("conditions__owner", "recycle_tasks")
    )


def _judge(gate: Gate, pack: EvidencePack) -> list[CriterionState]:
    rollout = gate.rollout
    criteria = list(gate.criteria.select_related("confirmer"))
    kinds = {c.kind for c in criteria}
    departments = role_selectors.managed_departments(pack.assignments)
    with_objective: set[int] = set()
    if "objectives_set" in kinds:
        with_objective = set(
            Objective.objects.filter(rollout=rollout).values_list("department_id", flat=True)
        )
    targets = 0
    if "goal_set" in kinds:
        targets = goal_selectors.target_count(rollout=rollout)
    seats_empty: list[str] = []
    if "seats_filled" in kinds:
        seats = role_selectors.seats_of(pack.assignments)
        seats_empty = [str(s.seat.label) for s in seats if not s.holders]
    adoption: tuple[date, int, list[str]] | None = None
    if "adoption_recorded" in kinds:
        adoption = adoption_selectors.unrecorded_last_month(
            rollout=rollout, departments=departments
        )
    if "risks_reviewed" in kinds:
        pack.risk_review = risk_selectors.review_since(rollout=rollout, since=_last_gate(gate))
    backlogs: list[BacklogState] = []
    if "backlogs_kept" in kinds:
        backlogs = backlog_states(
            rollout=rollout, departments=departments, today=timezone.localdate()
        )
    states = []
    for c in criteria:
        if c.kind == GateCriterion.Kind.GOAL_SET:
            met, detail = _goal_set(rollout.goal, targets)
        elif c.kind == GateCriterion.Kind.OBJECTIVES_SET:
            missing = [d.name for d in departments if d.pk not in with_objective]
            met, detail = not missing, ", ".join(missing)
        elif c.kind == GateCriterion.Kind.SEATS_FILLED:
            met, detail = not seats_empty, ", ".join(seats_empty)
        elif c.kind == GateCriterion.Kind.RECOMMENDED:
            met = pack.selection is not None
            detail = pack.selection.vendor if pack.selection else ""
        elif c.kind == GateCriterion.Kind.STAFFING_FULFILLED:
            threshold = c.threshold or 0
            short = [
                f"{row.label} {row.total.percent} %"
                for row in pack.fulfilment.departments
                if row.total.percent is not None and row.total.percent < threshold
            ]
            met, detail = not short, ", ".join(short)
        elif c.kind == GateCriterion.Kind.CORE_VERIFIED:
            core = [w for w in pack.workstreams if w.is_core]
            estimate = sum((Decimal(w.estimate) for w in core), Decimal("0"))  # type: ignore[attr-defined]
            verified = sum((Decimal(w.verified_estimate) for w in core), Decimal("0"))  # type: ignore[attr-defined]
            share = percent(verified, estimate)
            met, detail = share >= (c.threshold or 100), f"{share} %"
        elif c.kind == GateCriterion.Kind.RISKS_REVIEWED:
            review = pack.risk_review
            met = review is not None
            detail = (
                f"{review.reviewed_by} · {timezone.localtime(review.reviewed_at):%Y-%m-%d}"
                if review
                else ""
            )
        elif c.kind == GateCriterion.Kind.BACKLOGS_KEPT:
            met, detail = _backlogs_kept(backlogs)
        elif c.kind == GateCriterion.Kind.ADOPTION_RECORDED and adoption is not None:
            met, detail = _adoption_recorded(*adoption)
        else:
            met = c.confirmed_at is not None
            detail = str(c.confirmer) if c.confirmer else ""
        states.append(CriterionState(criterion=c, met=met, detail=detail))
    return states


def _backlogs_kept(backlogs: list[BacklogState]) -> tuple[bool, str]:
    """Met when every department with a middle manager has a backlog with no overdue item
    and at least one done; the detail names each department that falls short, and why."""
    short = []
    for state in backlogs:
        if state.overdue:
            short.append(
                ngettext(
                    "%(department)s: %(count)s overdue",
                    "%(department)s: %(count)s overdue",
                    state.overdue,
                )
                % {"department": state.department.name, "count": state.overdue}
            )
        elif not state.done:
            short.append(_("%(department)s: none done") % {"department": state.department.name})
    return bool(backlogs) and not short, ", ".join(short)


def _goal_set(goal: str, targets: int) -> tuple[bool, str]:
    """Written down and measurable: the goal's words and at least one target."""
    if not targets:
        return False, _("%(goal)s — no measurable target yet") % {"goal": goal[:120]}
    counted = ngettext("%(count)s target", "%(count)s targets", targets) % {"count": targets}
    return bool(goal.strip()), f"{goal[:120]} — {counted}"


def _adoption_recorded(month: date, measures: int, missing: list[str]) -> tuple[bool, str]:
    """Every department with a manager recorded every adoption measure for last month."""
    if not measures:
        return False, _("no adoption measure defined yet")
    if missing:
        return False, _("%(month)s: not recorded by %(departments)s") % {
            "month": f"{month:%Y-%m}",
            "departments": ", ".join(missing),
        }
    return True, _("%(month)s: recorded by every department") % {"month": f"{month:%Y-%m}"}


def _last_gate(gate: Gate) -> datetime:
    """When the previous gate was last decided (the rollout's opening for the first)."""
    last = (
        Decision.objects.filter(gate__rollout_id=gate.rollout_id, gate__order__lt=gate.order)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return last or gate.rollout.created_at


def fingerprint(pack: EvidencePack) -> str:
    """What the decision was made on, as figures: any change gives another fingerprint."""
    figures = {
        "gate": [pack.gate.pk, pack.gate.version, pack.gate.status],
        # Ids and numbers only: the same evidence read in another language is the same.
        "criteria": [[s.criterion.pk, s.met] for s in pack.criteria],
        "fulfilment": [
            [
                row.department.pk if row.department else None,
                str(row.total.committed),
                str(row.total.logged),
            ]
            for row in pack.fulfilment.departments
        ],
        "workstreams": [
            [w.pk, w.task_count, w.verified_count, str(w.estimate), str(w.verified_estimate)]  # type: ignore[attr-defined]
            for w in pack.workstreams
        ],
        "overdue": pack.late.overdue_count,
        "waiting": pack.late.waiting_count,
        "stances": sorted([s.pk for s in pack.stances]),
        "recommendations": [r.pk for r in pack.recommendations],
        "selection": pack.selection.vendor if pack.selection else None,
        "decisions": [d.pk for d in pack.decisions],
        "high_risks": [[r.pk, r.likelihood, r.impact] for r in pack.high_risks],
    }
    if pack.walls is not None:
        figures["walls"] = _walls_figures(pack.walls)
    canonical = json.dumps(figures, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _walls_figures(walls: StandingWalls) -> list[object]:
    summary = walls.summary
    return [
        [summary.handoffs, summary.running, summary.old_ways, summary.retired, summary.overdue],
        [[h.pk, h.state] for h in walls.handoffs],
        [o.pk for o in walls.old_ways],
    ]
