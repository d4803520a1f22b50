"""Every write about people and their roles. Each function checks that `by` may do it,
validates, writes, and keeps the guardian object permissions in step, in one transaction."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.checked import was_checked
from core.errors import AppError, NotAllowed
from core.validation import saved
from roles.models import Department, Role, RoleAssignment, User
from roles.permissions import (
    MANAGES_ROLES,
    RoleAuthority,
    may_be_department_manager,
    may_manage_roles,
    may_name_department_manager,
    names_manager_of,
    rollout_permissions_sync,
)
from rollout.models import Rollout


class RoleError(AppError):
    """A rule of roles was broken; the message is meant for the person who tried."""


class RoleNotAllowed(RoleError, NotAllowed):
    """The person sees the role but may not do this (403)."""


# Each asks only when the view's access call (access_role_giving) left no mark saying the
# same person was answered yes on this rollout instance in this request.


def _require_manager_of_roles(by: User, rollout: Rollout) -> None:
    if not was_checked(rollout, by.pk, MANAGES_ROLES) and not may_manage_roles(by, rollout):
        raise RoleError(_("Only the rollout's executive or an administrator can change its roles."))


def _require_may_name_manager(by: User, rollout: Rollout, department: Department) -> None:
    if not was_checked(
        rollout, by.pk, names_manager_of(department.pk)
    ) and not may_name_department_manager(by, rollout, department):
        raise RoleError(
            _(
                "Only the head of %(department)s or an administrator names its middle manager "
                "on a rollout."
            )
            % {"department": department}
        )


@transaction.atomic
def role_assign(
    *,
    by: User,
    rollout: Rollout,
    person: User,
    role: str,
    department: Department | None = None,
    seat: str = "",
) -> RoleAssignment:
    """Give a person a role on a rollout and the object permissions that role carries.

    Assigning an executive replaces the current one (their assignment ends, recorded), so
    a rollout has exactly one executive at any time. A department's middle manager is
    named by the department's head or an administrator, and is one of its people."""
    if role == Role.MANAGER and department is not None:
        _require_may_name_manager(by, rollout, department)
    else:
        _require_manager_of_roles(by, rollout)
    if not person.is_active:
        raise RoleError(_("%(person)s's account is disabled.") % {"person": person})
    if (
        role == Role.MANAGER
        and department is not None
        and not may_be_department_manager(person, department)
    ):
        raise RoleError(
            _(
                "%(person)s does not work in %(department)s: a middle manager answers for "
                "their own department."
            )
            % {"person": person, "department": department}
        )
    if role == Role.EXECUTIVE:
        current = (
            RoleAssignment.objects.active()
            .select_for_update()
            .filter(rollout=rollout, role=Role.EXECUTIVE)
            .first()
        )
        if current is not None and current.person_id == person.pk:
            raise RoleError(_("%(person)s is already the executive.") % {"person": person})
        if current is not None:
            _end(current, by=by, reason=_("Replaced by %(person)s.") % {"person": person})
    assignment = RoleAssignment(
        rollout=rollout,
        person=person,
        role=role,
        department=department,
        seat=seat,
        assigned_by=by,
    )
    saved(
        assignment,
        RoleError,
        clash=_("Someone changed this role at the same moment; reload and try again."),
    )
    rollout_permissions_sync(person=person, rollout=rollout)
    return assignment


@transaction.atomic
def role_end(*, by: User, assignment: RoleAssignment, reason: str = "") -> RoleAssignment:
    """End a role (kept in the history) and revoke what it alone granted. The rollout's
    executive may end any role but their own; a department's head may also end the
    middle manager role of their department."""
    if not was_checked(assignment, by.pk, "end") and not RoleAuthority(
        by, assignment.rollout
    ).may_end(assignment):
        raise RoleNotAllowed(
            _("Only the rollout's executive or an administrator can change its roles.")
        )
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.ended_at is not None:
        raise RoleError(_("This role has already ended."))
    if assignment.role == Role.EXECUTIVE:
        raise RoleError(
            _("A rollout always has an executive: assign the new executive, which ends this role.")
        )
    _end(assignment, by=by, reason=reason)
    return assignment


def _end(assignment: RoleAssignment, *, by: User, reason: str) -> None:
    assignment.ended_at = timezone.now()
    assignment.ended_by = by
    assignment.end_reason = reason[:300]
    assignment.save(update_fields=["ended_at", "ended_by", "end_reason"])
    rollout_permissions_sync(person=assignment.person, rollout=assignment.rollout)


def user_set_language(*, user: User, language: str) -> None:
    codes = {code for code, _name in User._meta.get_field("preferred_language").choices or []}
    if language not in codes:
        raise RoleError(_("That language is not offered."))
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
