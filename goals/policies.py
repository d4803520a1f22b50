"""Who may do what with the goal and its targets: one function per rule, used by the access
calls (views) and the services alike. Each takes the person's permission codenames on the
rollout (rollout.permissions: permission_names in a view, rollout_permission_names in a
service)."""

from typing import TYPE_CHECKING

from goals.models import GoalTarget
from roles.models import Seat
from rollout.policies import Rights

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from django.contrib.auth.models import AbstractUser, AnonymousUser


def may_set_goal(rights: Rights) -> bool:
    """The goal is the executive's to decide (the article's "what is the goal"): its words
    and its targets, set and changed."""
    return "change_rollout" in rights


def may_record_actual(
    user: "AbstractUser | AnonymousUser", target: GoalTarget, rights: Rights
) -> bool:
    """A target's owner answers for its figures; the executive may record them too."""
    return target.owner_id == user.pk or may_set_goal(rights)


def may_import_actuals(rights: Rights, *, owns_a_target: bool) -> bool:
    """Whoever records some target's values may import them (each row is then checked
    against its own target)."""
    return owns_a_target or may_set_goal(rights)


def may_define_measures(rights: Rights) -> bool:
    """What adoption is measured by is the executive's to say, as the goal is."""
    return may_set_goal(rights)


def may_record_adoption(rights: Rights, *, department_id: int, managed: set[int]) -> bool:
    """A department's manager records its figures (the backbone carries the system after
    go-live); the executive may record for any department."""
    return department_id in managed or may_set_goal(rights)


def may_record_any_adoption(rights: Rights, *, managed: set[int]) -> bool:
    """Reaching the recording form or the import: the executive, or a department's manager
    (each value is then checked against its own department)."""
    return bool(managed) or may_set_goal(rights)


def may_record_benefit(rights: Rights, *, seats: set[str]) -> bool:
    """The realised benefit is the finance seat's estimate, as the expected one was; the
    executive may record it too."""
    return Seat.FINANCE in seats or may_set_goal(rights)
