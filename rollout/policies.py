"""Who may do what on a rollout beyond one permission: one function per rule, used by views
and services alike, so that two pages never answer the same question two ways.

Each takes the person's permission codenames on the rollout: `permission_names(request,
rollout)` in a view (asked once per request) or `rollout_permission_names(user, rollout)` in
a service (one query)."""

from collections.abc import Set

Rights = Set[str]


def sees_every_department(rights: Rights) -> bool:
    """The executive, and whoever asks every department for staff, see every department's
    board and capacity; a middle manager sees the departments they manage."""
    return "change_rollout" in rights or "request_staff" in rights
