"""What a decision records beyond its outcome and reason, and the rules for each:

- the selection gate's Go names the vendor chosen: the selection team's recommendation
  unless the executive chooses another, which needs the reason (kept in the brief);
- the contract or implementation gate's Go may record the implementation approach (a
  pilot department, the rollout style, the vendor's method), which the plan then shows;
- a Recycle names the phase and the tasks to redo; the tasks claimed or verified done are
  reopened, in the decision's transaction, and their assignees told.

`decision_record` (gates.services) checks these with `check_records` before it writes
anything, and calls `approach_create` and `recycle_apply` inside its transaction."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from core.errors import AppError
from core.validation import saved
from gates.models import GOES, Decision, Gate
from roles import selectors as role_selectors
from selection.models import Vendor
from selection.selectors import SelectionRecommendation
from work.models import ImplementationApproach, Task
from work.reopen_services import tasks_reopen

if TYPE_CHECKING:  # only for the annotations
    from roles.models import Department, User

SELECTION_GATE = "select"
APPROACH_GATES = ("contract", "implement")


class RecordError(AppError):
    """A decision's record is refused; gates.services raises it as its GateError."""


@dataclass
class Records:
    """What the executive chose on the form, beyond the outcome; every part optional."""

    vendor: Vendor | None = None
    vendor_reason: str = ""
    approach_style: str = ""
    pilot_department: "Department | None" = None
    vendor_method: str = ""
    recycle_phase: Gate | None = None
    recycle_tasks: Sequence[Task] = field(default_factory=list)


def check_records(
    *, gate: Gate, outcome: str, records: Records, selection: SelectionRecommendation | None
) -> Records:
    """The records this decision keeps, checked: those of another outcome are dropped (as
    the form ignores another outcome's fields); a wrong one refuses the decision."""
    goes = outcome in GOES
    kept = Records()
    if goes:
        kept.vendor, kept.vendor_reason = _vendor(gate, records, selection)
        kept.approach_style, kept.pilot_department, kept.vendor_method = _approach(gate, records)
    if outcome == Decision.Outcome.RECYCLE:
        kept.recycle_phase, kept.recycle_tasks = _recycle(gate, records)
    return kept


def _vendor(
    gate: Gate, records: Records, selection: SelectionRecommendation | None
) -> tuple[Vendor | None, str]:
    vendor, reason = records.vendor, records.vendor_reason.strip()
    if gate.key != SELECTION_GATE:
        if vendor is not None:
            raise RecordError(_("Only the selection gate's decision names the vendor."))
        return None, ""
    recommended = selection.vendor_id if selection else None
    if vendor is None:
        if recommended is None:
            return None, ""
        # The recommendation is preselected: a Go without a vendor goes with it.
        vendor = Vendor.objects.get(pk=recommended)
    if vendor.rollout_id != gate.rollout_id:
        raise RecordError(_("Choose one of this rollout's vendors."))
    if vendor.pk == recommended:
        return vendor, ""
    if not reason:
        if selection is None:
            raise RecordError(
                _("The selection team has not recommended a vendor: say why you choose %(vendor)s.")
                % {"vendor": vendor}
            )
        raise RecordError(
            _(
                "You chose %(vendor)s, not %(recommended)s that the selection team recommends: "
                "give the reason for choosing differently."
            )
            % {"vendor": vendor, "recommended": selection.vendor}
        )
    return vendor, reason


def _approach(gate: Gate, records: Records) -> tuple[str, "Department | None", str]:
    style, pilot = records.approach_style, records.pilot_department
    method = records.vendor_method.strip()
    if not (style or pilot or method):
        return "", None, ""
    if gate.key not in APPROACH_GATES:
        raise RecordError(_("Only the contract or implementation gate records the approach."))
    if style not in ImplementationApproach.Style.values:
        raise RecordError(_("Choose how the rollout goes: pilot first, phased or all at once."))
    if pilot is not None:
        departments = role_selectors.departments_of_rollout(rollout=gate.rollout)
        if not departments.filter(pk=pilot.pk).exists():
            raise RecordError(_("Choose a pilot department of this rollout."))
    if style == ImplementationApproach.Style.PILOT_THEN_PHASED and pilot is None:
        raise RecordError(_("A pilot first needs its pilot department."))
    if style == ImplementationApproach.Style.ALL_AT_ONCE and pilot is not None:
        raise RecordError(_("All departments at once has no pilot department."))
    return style, pilot, method


def _recycle(gate: Gate, records: Records) -> tuple[Gate | None, list[Task]]:
    phase = records.recycle_phase
    if phase is not None and (phase.rollout_id != gate.rollout_id or phase.order > gate.order):
        raise RecordError(_("Choose this gate's phase or an earlier one to redo."))
    tasks = list(records.recycle_tasks)
    if any(task.rollout_id != gate.rollout_id for task in tasks):
        raise RecordError(_("Name only tasks of this rollout."))
    return phase, tasks


def names_work(records: Records) -> bool:
    """A Recycle names its work by text, a phase or tasks."""
    return records.recycle_phase is not None or bool(records.recycle_tasks)


def work_text(records: Records) -> str:
    """The work to redo in words, when the executive picked it without writing it: the
    record then still reads by itself (and the database's rule that a Recycle names its
    work holds)."""
    parts = []
    if records.recycle_phase is not None:
        parts.append(_("Phase: %(phase)s") % {"phase": records.recycle_phase.name})
    if records.recycle_tasks:
        titles = ", ".join(f"“{task.title}”" for task in records.recycle_tasks)
        parts.append(_("Tasks: %(tasks)s") % {"tasks": titles})
    return "; ".join(parts)


def approach_create(*, by: "User", gate: Gate, records: Records) -> ImplementationApproach | None:
    if not records.approach_style:
        return None
    approach = ImplementationApproach(
        rollout=gate.rollout,
        style=records.approach_style,
        pilot_department=records.pilot_department,
        vendor_method=records.vendor_method,
        decided_by=by,
    )
    return saved(approach, RecordError)


def recycle_apply(*, by: "User", decision: Decision, records: Records) -> None:
    """Keep the tasks named on the decision and reopen them (the reason: the decision's)."""
    if not records.recycle_tasks:
        return
    decision.recycle_tasks.set(records.recycle_tasks)
    tasks_reopen(
        by=by,
        rollout=decision.gate.rollout,
        tasks=records.recycle_tasks,
        reason=decision.reason,
        gate_name=decision.gate.name,
    )
