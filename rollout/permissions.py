"""Who may see and do what on a rollout. The grants themselves are written by
roles.permissions when a role is assigned or ended; this module only reads them."""

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from rollout.models import Rollout

VIEW_ROLLOUT = "rollout.view_rollout"


def rollouts_for_user(user: AbstractUser | AnonymousUser) -> QuerySet[Rollout]:
    """Rollouts the person holds a role in (every rollout for a superuser)."""
    if not user.is_authenticated:
        return Rollout.objects.none()
    # accept_global_perms=False: a model-wide "view rollout" must not widen the list.
    return get_objects_for_user(user, VIEW_ROLLOUT, klass=Rollout, accept_global_perms=False)


def get_rollout_for_user(
    user: AbstractUser | AnonymousUser, pk: int, perm: str = VIEW_ROLLOUT
) -> Rollout:
    """The rollout, or 404 when it does not exist or the person holds no role in it (the
    same answer for both, so ids reveal nothing); 403 when they may see it but not `perm`."""
    rollout = rollouts_for_user(user).filter(pk=pk).first()
    if rollout is None:
        raise Http404
    if perm != VIEW_ROLLOUT and not user.has_perm(perm, rollout):
        raise PermissionDenied
    return rollout
