"""The shape every object access helper shares: the rollout (or calendar) it reads through
must have been resolved for the same person, and the object is then one row of that scope,
or a 404 (the same answer for "not yours" and "does not exist").

The resolved mark costs no query: the helper that checked the person's access to the scope
(rollout.permissions.get_rollout_for_user) leaves it on the instance it returns. An object
helper handed a scope nobody checked for this person is a programming error, and answers
404 rather than reading through it."""

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from core.checked import mark_checked, was_checked

M = TypeVar("M", bound=Model)

RESOLVED = "resolved"


def mark_resolved(scope: Model, user: Any) -> None:
    """Say that `user` may read through `scope` (called by the helper that checked it)."""
    mark_checked(scope, user.pk, RESOLVED)


def require_resolved(scope: Model, user: Any) -> None:
    """404 unless `scope` was resolved for this same `user`."""
    if not was_checked(scope, user.pk, RESOLVED):
        raise Http404


def one_or_404(queryset: "QuerySet[M]", **lookups: Any) -> M:
    """Django's get_object_or_404, under the name the access helpers share."""
    return get_object_or_404(queryset, **lookups)


def one_in_resolved_or_404(user: Any, scope: Model, queryset: "QuerySet[M]", **lookups: Any) -> M:
    """One object of a scope resolved for `user`: `lookups` name the scope and the pk."""
    require_resolved(scope, user)
    return one_or_404(queryset, **lookups)


def permitted(user: Any, obj: M, level: str, allowed: bool) -> M:
    """The object for an access call carrying a level (`access_task(..., to="log")`): 403
    unless `allowed` (the app's policy answered), checked before any form is read, so that
    a refused person never learns what the form would have said. Marked for this person at
    this level, so the service it is handed to in the same request does not ask again."""
    if not allowed:
        raise PermissionDenied
    mark_checked(obj, user.pk, level)
    return obj
