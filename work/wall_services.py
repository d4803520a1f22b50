"""Every write about a workstream's walls (work.walls): hand-offs between its departments
and the old ways it retires. Each checks who may (work.policies.takes_down_walls: the
executive, and the middle manager of any department the workstream crosses; an old way's
owner may also mark it retired), refuses bad input with the reason, and saves in one
transaction; simple_history keeps each version."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.checked import was_checked
from core.validation import saved
from roles import selectors as role_selectors
from rollout.permissions import rollout_permission_names
from work.models import Workstream
from work.policies import has_walls, marks_old_way_retired, takes_down_walls
from work.services import WorkError, WorkNotAllowed
from work.walls import Handoff, HandoffState, OldWayKind, OldWayRetirement

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import Department, User

# The access levels (work.access) a view checks before handing the object to a service.
CHANGE = "walls"
RETIRE = "retire"


def _crossed(workstream: Workstream) -> set[int]:
    return {department.pk for department in workstream.departments.all()}


def may_take_down_walls(user: "User", workstream: Workstream) -> bool:
    """work.policies.takes_down_walls for this person and workstream (two queries, and one
    for the departments unless prefetched)."""
    rollout = workstream.rollout
    return takes_down_walls(
        rollout_permission_names(user, rollout),
        managed=role_selectors.managed_department_ids(user=user, rollout=rollout),
        crossed=_crossed(workstream),
    )


def may_mark_retired(user: "User", old_way: OldWayRetirement) -> bool:
    workstream = old_way.workstream
    rollout = workstream.rollout
    return marks_old_way_retired(
        rollout_permission_names(user, rollout),
        managed=role_selectors.managed_department_ids(user=user, rollout=rollout),
        crossed=_crossed(workstream),
        owner_id=old_way.owner_id,
        person_id=user.pk,
    )


def _require_wall_keeper(by: "User", workstream: Workstream) -> None:
    """Refused (403) unless the view checked it already for this person."""
    if was_checked(workstream, by.pk, CHANGE) or may_take_down_walls(by, workstream):
        return
    raise WorkNotAllowed(
        _(
            "Only the executive, or the middle manager of a department the workstream "
            "crosses, changes its hand-offs and old ways."
        )
    )


def _require_walls(workstream: Workstream) -> None:
    if not has_walls(_crossed(workstream)):
        raise WorkError(
            _("“%(workstream)s” crosses fewer than two departments: it has no walls to take down.")
            % {"workstream": workstream}
        )


def _require_owner(workstream: Workstream, owner: "User") -> None:
    """An owner holds an active role on the workstream's rollout."""
    people = role_selectors.people_of_rollout(rollout=workstream.rollout)
    if not people.filter(pk=owner.pk).exists():
        raise WorkError(
            _("%(person)s has no role on this rollout: choose an owner from its team.")
            % {"person": owner}
        )


def _text(value: str, missing: str) -> str:
    text = value.strip()
    if not text:
        raise WorkError(missing)
    return text


# --- hand-offs -------------------------------------------------------------------------


@dataclass(frozen=True)
class HandoffInput:
    """What a hand-off's form gives: the same for adding one and for editing it."""

    from_department: "Department"
    to_department: "Department"
    what: str
    owner: "User"
    state: str = HandoffState.PLANNED


def _handoff_fill(handoff: Handoff, data: HandoffInput) -> None:
    workstream = handoff.workstream
    crossed = _crossed(workstream)
    if data.from_department.pk == data.to_department.pk:
        raise WorkError(_("A hand-off goes from one department to another."))
    outside = [d for d in (data.from_department, data.to_department) if d.pk not in crossed]
    if outside:
        raise WorkError(
            _("“%(workstream)s” does not cross %(departments)s: add the department to it first.")
            % {"workstream": workstream, "departments": ", ".join(str(d) for d in outside)}
        )
    if data.state not in HandoffState.values:
        raise WorkError(_("Choose one of the hand-off states."))
    _require_owner(workstream, data.owner)
    handoff.from_department = data.from_department
    handoff.to_department = data.to_department
    handoff.what = _text(data.what, _("Say what is handed over."))
    handoff.owner = data.owner
    handoff.state = data.state


@transaction.atomic
def handoff_create(*, by: "User", workstream: Workstream, data: HandoffInput) -> Handoff:
    _require_wall_keeper(by, workstream)
    _require_walls(workstream)
    handoff = Handoff(workstream=workstream, created_by=by)
    _handoff_fill(handoff, data)
    return saved(handoff, WorkError, clash=_("This workstream already has that hand-off."))


@transaction.atomic
def handoff_update(*, by: "User", handoff: Handoff, data: HandoffInput) -> Handoff:
    locked = Handoff.objects.select_for_update().get(pk=handoff.pk)
    locked.workstream = handoff.workstream  # the one the view checked, departments prefetched
    _require_wall_keeper(by, locked.workstream)
    _handoff_fill(locked, data)
    return saved(locked, WorkError, clash=_("This workstream already has that hand-off."))


@transaction.atomic
def handoff_state_set(*, by: "User", handoff: Handoff, state: str) -> Handoff:
    """Forwards or back: a hand-off that stops working in the CRM goes back to agreed."""
    _require_wall_keeper(by, handoff.workstream)
    if state not in HandoffState.values:
        raise WorkError(_("Choose one of the hand-off states."))
    locked = Handoff.objects.select_for_update().get(pk=handoff.pk)
    if locked.state == state:
        raise WorkError(
            _("The hand-off “%(what)s” is already %(state)s.")
            % {"what": locked.what, "state": HandoffState(state).label}
        )
    locked.state = state
    locked.save(update_fields=["state"])
    return locked


# --- old ways --------------------------------------------------------------------------


@dataclass(frozen=True)
class OldWayInput:
    kind: str
    description: str
    owner: "User"
    retire_by: date


def _old_way_fill(old_way: OldWayRetirement, data: OldWayInput) -> None:
    if data.kind not in OldWayKind.values:
        raise WorkError(_("Choose what kind of old way it is."))
    _require_owner(old_way.workstream, data.owner)
    old_way.kind = data.kind
    old_way.description = _text(data.description, _("Say which old way is retired."))
    old_way.owner = data.owner
    old_way.retire_by = data.retire_by


@transaction.atomic
def old_way_create(*, by: "User", workstream: Workstream, data: OldWayInput) -> OldWayRetirement:
    _require_wall_keeper(by, workstream)
    _require_walls(workstream)
    old_way = OldWayRetirement(workstream=workstream, created_by=by)
    _old_way_fill(old_way, data)
    return saved(old_way, WorkError, clash=_("This workstream already retires that old way."))


@transaction.atomic
def old_way_update(*, by: "User", old_way: OldWayRetirement, data: OldWayInput) -> OldWayRetirement:
    locked = OldWayRetirement.objects.select_for_update().get(pk=old_way.pk)
    locked.workstream = old_way.workstream
    _require_wall_keeper(by, locked.workstream)
    _old_way_fill(locked, data)
    return saved(locked, WorkError, clash=_("This workstream already retires that old way."))


@transaction.atomic
def old_way_retire(*, by: "User", old_way: OldWayRetirement) -> OldWayRetirement:
    """Marked retired now, by `by`: once; it then leaves its owner's My work."""
    if not was_checked(old_way, by.pk, RETIRE) and not may_mark_retired(by, old_way):
        raise WorkNotAllowed(
            _(
                "Only its owner, the executive, or the middle manager of a department the "
                "workstream crosses marks an old way retired."
            )
        )
    locked = OldWayRetirement.objects.select_for_update().get(pk=old_way.pk)
    if locked.is_retired:
        raise WorkError(_("“%(old_way)s” is already retired.") % {"old_way": locked})
    locked.retired_at = timezone.now()
    locked.retired_by = by
    locked.save(update_fields=["retired_at", "retired_by"])
    return locked
