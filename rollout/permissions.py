"""Who may see and do what on a rollout. The grants themselves are written by
roles.permissions when a role is assigned or ended; this module only reads them."""

from collections.abc import Callable
from typing import Any, Literal, TypeVar

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest
from guardian.shortcuts import get_objects_for_user

from core.access import mark_resolved, one_in_resolved_or_404, permitted, require_resolved
from rollout.models import (
    CalendarDay,
    Rollout,
    RolloutGroupObjectPermission,
    RolloutUserObjectPermission,
    WorkingCalendar,
)

VIEW_ROLLOUT = "rollout.view_rollout"

T = TypeVar("T")


def rollouts_for_user(user: AbstractUser | AnonymousUser) -> QuerySet[Rollout]:
    """Rollouts the person holds a role in (every rollout for a superuser): the rollouts
    guardian's get_objects_for_user lists (accept_global_perms=False, so a model-wide "view
    rollout" does not widen the list), which the tests compare, read as one filter on the
    grant tables. Every rollout page asks this; guardian's own took 3-4 ms of Python more a
    request on the bench's data to build the same single query."""
    if not user.is_authenticated or not user.is_active:
        return Rollout.objects.none()
    if user.is_superuser:
        return Rollout.objects.all()
    return Rollout.objects.filter(
        holds_rollout_permission(user, VIEW_ROLLOUT.split(".", 1)[1], rollout_field="pk")
    )


def get_rollout_for_user(
    user: AbstractUser | AnonymousUser, pk: int, perm: str = VIEW_ROLLOUT
) -> Rollout:
    """The rollout, or 404 when it does not exist or the person holds no role in it (the
    same answer for both, so ids reveal nothing); 403 when they may see it but not `perm`."""
    rollout = rollouts_for_user(user).filter(pk=pk).first()
    if rollout is None:
        raise Http404
    # One query for the person's permissions on it, where has_perm asks twice.
    if perm != VIEW_ROLLOUT and perm.split(".", 1)[1] not in rollout_permission_names(
        user, rollout
    ):
        raise PermissionDenied
    # The object helpers read only through a rollout resolved here for the same person.
    mark_resolved(rollout, user)
    return rollout


def object_in_rollout(
    user: AbstractUser | AnonymousUser,
    rollout_pk: int,
    access: Callable[..., T],
    pk: int,
    **level: Any,
) -> tuple[Rollout, T]:
    """The two steps of every URL naming a rollout and one of its objects: the rollout,
    resolved for the person (404 unless theirs), then the object through its app's access
    call (`get_<obj>_for_user`, or `access_<obj>` with the level it needs: to="...")."""
    rollout = get_rollout_for_user(user, rollout_pk)
    return rollout, access(user, rollout, pk, **level)


def get_calendar_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, *, to: Literal["edit"]
) -> WorkingCalendar:
    """The working calendar of a rollout resolved for the person, to change: 404 when the
    rollout has none, 403 unless may_edit_calendar lets this person change it."""
    require_resolved(rollout, user)
    calendar = WorkingCalendar.objects.filter(rollouts=rollout).first()
    if calendar is None:
        raise Http404
    return permitted(user, calendar, to, may_edit_calendar(user, calendar))


def get_calendar_day_for_user(
    user: AbstractUser | AnonymousUser, calendar: WorkingCalendar, pk: int
) -> CalendarDay:
    """A day of a calendar the caller may already change (resolve it through the rollout
    first, with may_edit_calendar); 404 for a day of any other calendar."""
    return one_in_resolved_or_404(
        user, calendar, CalendarDay.objects.select_related("calendar"), calendar=calendar, pk=pk
    )


def may_edit_calendar(user: AbstractUser | AnonymousUser, calendar: WorkingCalendar) -> bool:
    """Who may add or remove a calendar's holidays and make-up days, and say up to when it
    is complete: an administrator, or a person who may change every rollout using it (the
    executive of each). A calendar is often shared, and a change moves the escalations and
    expected hours of every rollout on it, so the executive of one rollout must not change
    another's figures; nobody else changes them either. One query."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        mark_resolved(calendar, user)
        return True
    changeable = get_objects_for_user(
        user, "rollout.change_rollout", klass=Rollout, accept_global_perms=False
    )
    using = Rollout.objects.filter(calendar=calendar).aggregate(
        total=Count("pk"), answerable=Count("pk", filter=Q(pk__in=changeable.values("pk")))
    )
    may = bool(using["total"]) and using["total"] == using["answerable"]
    if may:  # get_calendar_day_for_user reads only through a calendar answered yes here
        mark_resolved(calendar, user)
    return may


def rollout_permission_names(user: AbstractUser | AnonymousUser, rollout: Rollout) -> set[str]:
    """The person's permission codenames on the rollout, granted directly or through a
    group, in one query (guardian's get_perms asks twice: users, then groups). The same
    answer as get_perms, which the tests compare."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return {
            *(f"{action}_rollout" for action in Rollout._meta.default_permissions),
            *(codename for codename, _name in Rollout._meta.permissions),
        }
    direct = RolloutUserObjectPermission.objects.filter(
        user_id=user.pk, content_object=rollout
    ).values_list("permission__codename", flat=True)
    grouped = RolloutGroupObjectPermission.objects.filter(
        group__user=user.pk, content_object=rollout
    ).values_list("permission__codename", flat=True)
    return set(direct.union(grouped))


def holds_rollout_permission(
    user: AbstractUser | AnonymousUser, codename: str, *, rollout_field: str = "rollout"
) -> Q:
    """A filter for rows (in any number of rollouts) whose rollout the person holds
    `codename` on, directly or through a group: the same grants rollout_permission_names
    reads, put into one query, for lists across every rollout (My work)."""
    direct = RolloutUserObjectPermission.objects.filter(
        user_id=user.pk, permission__codename=codename
    ).values("content_object_id")
    grouped = RolloutGroupObjectPermission.objects.filter(
        group__user=user.pk, permission__codename=codename
    ).values("content_object_id")
    return Q(**{f"{rollout_field}__in": direct}) | Q(**{f"{rollout_field}__in": grouped})


def permission_names(request: HttpRequest, rollout: Rollout) -> set[str]:
    """The signed-in person's permissions on the rollout, asked once per request: the view
    and the rollout's tabs both need them. Kept on the request only, so a change of roles
    shows on the next request."""
    memo: dict[int, set[str]] = request.__dict__.setdefault("_rollout_permission_names", {})
    if rollout.pk not in memo:
        memo[rollout.pk] = rollout_permission_names(request.user, rollout)
    return memo[rollout.pk]
