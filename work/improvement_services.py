"""Every write about a department's improvement backlog (work.improvements). Who may: the
department's middle manager and the executive add and edit items
(work.policies.keeps_backlog); the owner moves an item's status
(work.policies.moves_improvement). Each refuses bad input with the reason and saves in one
transaction; simple_history keeps each version. Closing an item, or giving it another
date, withdraws its overdue reminders (the sweep reminds again if a new date passes)."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.checked import was_checked
from core.validation import saved
from notifications.reminder_keys import ImprovementOverdueKey
from notifications.services.reminders import reminders_withdraw
from roles import selectors as role_selectors
from roles.models import Role, RoleAssignment
from rollout.models import Rollout
from rollout.permissions import rollout_permission_names
from work.improvements import CLOSED_STATUSES, ImprovementItem, ImprovementStatus
from work.policies import keeps_backlog, keeps_some_backlog, moves_improvement
from work.services import WorkError, WorkNotAllowed

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import Department, User

# The access levels (work.access) a view checks before handing the object to a service.
KEEP = "backlog"
MOVE = "move"


def _clash() -> str:
    """The refusal when another item of the department has the same title (the unique
    constraint, met by full_clean or, at the same moment, by the database)."""
    return _("This department's backlog already has that item.")


def may_keep_backlog(user: "User", rollout: Rollout, department_id: int) -> bool:
    """work.policies.keeps_backlog for this person and department (two queries)."""
    return keeps_backlog(
        rollout_permission_names(user, rollout),
        managed=role_selectors.managed_department_ids(user=user, rollout=rollout),
        department_id=department_id,
    )


def may_add_improvements(user: "User", rollout: Rollout) -> bool:
    return keeps_some_backlog(
        rollout_permission_names(user, rollout),
        managed=role_selectors.managed_department_ids(user=user, rollout=rollout),
    )


def may_move(user: "User", item: ImprovementItem) -> bool:
    return moves_improvement(owner_id=item.owner_id, person_id=user.pk)


def _require_keeper(by: "User", rollout: Rollout, department_id: int) -> None:
    if may_keep_backlog(by, rollout, department_id):
        return
    raise WorkNotAllowed(
        _("Only the department's middle manager and the executive add and edit its improvements.")
    )


def possible_owner_ids(*, rollout: Rollout, department_id: int) -> set[int]:
    """Who may own an item of the department: its middle manager on the rollout and the
    rollout's implementation members from that department (one query)."""
    return set(
        RoleAssignment.objects.active()
        .filter(rollout=rollout, person__is_active=True)
        .filter(
            Q(role=Role.MANAGER, department_id=department_id)
            | Q(role=Role.MEMBER, person__department_id=department_id)
        )
        .values_list("person_id", flat=True)
    )


@dataclass(frozen=True)
class ImprovementInput:
    """What the item's form gives: the same for adding one and for editing it. No owner:
    the department's middle manager owns it."""

    department: "Department"
    title: str
    kind: str
    due_date: date
    description: str = ""
    owner: "User | None" = None


def _fill(item: ImprovementItem, data: ImprovementInput) -> None:
    rollout = item.rollout
    title = data.title.strip()
    if not title:
        raise WorkError(_("Say what is to be improved."))
    if data.kind not in ImprovementItem.Kind.values:
        raise WorkError(_("Choose what kind of improvement it is."))
    owner = data.owner
    if owner is None:
        owner = role_selectors.department_manager(rollout=rollout, department=data.department)
        if owner is None:
            raise WorkError(
                _("%(department)s has no middle manager on this rollout: choose an owner.")
                % {"department": data.department}
            )
    elif owner.pk not in possible_owner_ids(rollout=rollout, department_id=data.department.pk):
        raise WorkError(
            _(
                "%(person)s is neither the middle manager nor an implementation member of "
                "%(department)s on this rollout: choose an owner from the department."
            )
            % {"person": owner, "department": data.department}
        )
    item.department = data.department
    item.title = title
    item.description = data.description.strip()
    item.kind = data.kind
    item.owner = owner
    item.due_date = data.due_date


@transaction.atomic
def improvement_create(*, by: "User", rollout: Rollout, data: ImprovementInput) -> ImprovementItem:
    _require_keeper(by, rollout, data.department.pk)
    item = ImprovementItem(rollout=rollout, created_by=by)
    _fill(item, data)
    return saved(item, WorkError, clash=_clash())


@transaction.atomic
def improvement_update(
    *, by: "User", item: ImprovementItem, data: ImprovementInput
) -> ImprovementItem:
    """The department's keeper edits it; moved to another department, the keeper of that
    one too. A new date or owner withdraws the overdue reminders of the old one."""
    locked = ImprovementItem.objects.select_for_update().get(pk=item.pk)
    locked.rollout = item.rollout
    if not was_checked(item, by.pk, KEEP):
        _require_keeper(by, locked.rollout, locked.department_id)
    if data.department.pk != locked.department_id:
        _require_keeper(by, locked.rollout, data.department.pk)
    before = (locked.due_date, locked.owner_id)
    _fill(locked, data)
    saved(locked, WorkError, clash=_clash())
    if (locked.due_date, locked.owner_id) != before:
        reminders_withdraw(about=[ImprovementOverdueKey.about(locked.pk)])
    return locked


@transaction.atomic
def improvement_status_set(
    *, by: "User", item: ImprovementItem, status: str, reason: str = ""
) -> ImprovementItem:
    """The owner moves it: in progress, done, dropped (with the reason), or open again.
    Done or dropped, its overdue reminders are withdrawn and it leaves My work."""
    locked = ImprovementItem.objects.select_for_update().get(pk=item.pk)
    if not was_checked(item, by.pk, MOVE) and not may_move(by, locked):
        raise WorkNotAllowed(_("Only the item's owner moves it to another status."))
    if status not in ImprovementStatus.values:
        raise WorkError(_("Choose one of the statuses."))
    if locked.status == status:
        raise WorkError(
            _("“%(item)s” is already %(status)s.")
            % {"item": locked, "status": ImprovementStatus(status).label}
        )
    reason = reason.strip()
    if status == ImprovementStatus.DROPPED and not reason:
        raise WorkError(_("Say why the item is dropped."))
    locked.status = status
    locked.drop_reason = reason if status == ImprovementStatus.DROPPED else ""
    closed = status in CLOSED_STATUSES
    locked.closed_at = timezone.now() if closed else None
    saved(locked, WorkError)
    if closed:
        reminders_withdraw(about=[ImprovementOverdueKey.about(locked.pk)])
    return locked
