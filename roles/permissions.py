"""The object permissions each role carries on its rollout, the one function that
writes them, and the access helpers for the objects this app owns."""

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db.models import Q
from django.http import Http404
from guardian.shortcuts import assign_perm, remove_perm

from roles.models import Commitment, Notification, Role, RoleAssignment, StaffingRequest, User
from rollout.models import Rollout, RolloutUserObjectPermission
from rollout.permissions import rollouts_for_user

# Codenames on rollout.Rollout. Every role can see its rollout; the rest is what the
# domain gives each role to do (see shared/DOMAIN.md).
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.EXECUTIVE: frozenset(
        {
            "view_rollout",
            "change_rollout",
            "decide_gate",
            "manage_roles",
            "plan_work",
            "view_reviews",
            "request_staff",
        }
    ),
    Role.MANAGER: frozenset(
        {"view_rollout", "commit_staff", "plan_work", "verify_work", "review_members"}
    ),
    Role.SELECTOR: frozenset({"view_rollout", "score_vendors"}),
    Role.MEMBER: frozenset({"view_rollout", "log_work"}),
}


def rollout_permissions_sync(*, person: User, rollout: Rollout) -> None:
    """Make the person's object permissions on the rollout exactly the union of what their
    active roles carry. Recomputing (instead of granting or revoking one role's set) keeps
    a permission that a second role still needs when the first role ends."""
    roles = RoleAssignment.objects.active().filter(person=person, rollout=rollout)
    wanted: set[str] = set()
    for role in roles.values_list("role", flat=True):
        wanted |= ROLE_PERMISSIONS[role]
    held = set(
        RolloutUserObjectPermission.objects.filter(user=person, content_object=rollout).values_list(
            "permission__codename", flat=True
        )
    )
    for codename in sorted(wanted - held):
        assign_perm(f"rollout.{codename}", person, rollout)
    for codename in sorted(held - wanted):
        remove_perm(f"rollout.{codename}", person, rollout)


def rollout_permissions_sync_all() -> int:
    """Re-derive every person's permissions on every rollout from their active roles, for
    when ROLE_PERMISSIONS changes. Returns how many (person, rollout) pairs it checked."""
    pairs = (
        RoleAssignment.objects.active()
        .values_list("person_id", "rollout_id")
        .distinct()
        .order_by("rollout_id", "person_id")
    )
    people = User.objects.in_bulk({person for person, _rollout in pairs})
    rollouts = Rollout.objects.in_bulk({rollout for _person, rollout in pairs})
    for person_id, rollout_id in pairs:
        rollout_permissions_sync(person=people[person_id], rollout=rollouts[rollout_id])
    return len(pairs)


def may_manage_roles(user: AbstractUser | AnonymousUser, rollout: Rollout) -> bool:
    return bool(user.is_authenticated and user.has_perm("rollout.manage_roles", rollout))


def get_person_for_user(user: AbstractUser | AnonymousUser, pk: int) -> User:
    """A person's profile is visible to themselves, to superusers and to anyone who shares
    a rollout with them; otherwise 404, as if they did not exist."""
    if not user.is_authenticated:
        raise Http404
    visible = User.objects.filter(is_active=True).select_related("department")
    if not getattr(user, "is_superuser", False):
        shared = RoleAssignment.objects.active().filter(rollout__in=rollouts_for_user(user))
        visible = visible.filter(Q(pk=user.pk) | Q(pk__in=shared.values("person")))
    person = visible.filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def get_assignment_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int
) -> RoleAssignment:
    """An assignment of a rollout the caller may already see (resolve the rollout with
    rollout.permissions.get_rollout_for_user first); 404 for any other id."""
    assignment = (
        RoleAssignment.objects.select_related("person", "department", "rollout")
        .filter(rollout=rollout, pk=pk)
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


def get_request_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int
) -> StaffingRequest:
    """A staffing request of a rollout the caller may see (everyone in it reads the plan)."""
    request = (
        StaffingRequest.objects.select_related("rollout", "department", "requested_by")
        .filter(rollout=rollout, pk=pk)
        .first()
    )
    if request is None:
        raise Http404
    return request


def get_commitment_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int
) -> Commitment:
    commitment = (
        Commitment.objects.select_related("request", "request__rollout", "person")
        .filter(request__rollout=rollout, pk=pk)
        .first()
    )
    if commitment is None:
        raise Http404
    return commitment


def get_notification_for_user(user: AbstractUser | AnonymousUser, pk: int) -> Notification:
    """One of the caller's own notifications; anyone else's, or an id of nothing, is a 404
    (the bell is private: no answer tells that someone else's notification exists)."""
    notification = Notification.objects.filter(recipient_id=user.pk, pk=pk).first()
    if notification is None:
        raise Http404
    return notification
