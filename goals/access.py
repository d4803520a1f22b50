"""One access call per object, carrying the level it needs: the goal (the rollout itself)
to set, a target to change or to record an actual of. 404 for a target of another rollout
(or none), 403 for one the person sees but may not act on at that level."""

from typing import TYPE_CHECKING, Literal

from core.access import one_in_resolved_or_404, permitted
from goals.models import GoalTarget
from goals.policies import may_import_actuals, may_record_actual, may_set_goal
from rollout.models import Rollout
from rollout.policies import Rights

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import User

SET = "set_goal"
RECORD = "record_actual"
IMPORT = "import_actuals"


def access_goal(user: "User", rollout: Rollout, rights: Rights) -> Rollout:
    """The rollout's goal and targets, to set or change: the executive (403 for the rest)."""
    return permitted(user, rollout, SET, may_set_goal(rights))


def access_target(
    user: "User", rollout: Rollout, pk: int, rights: Rights, *, to: Literal["set", "record"]
) -> GoalTarget:
    target = one_in_resolved_or_404(
        user,
        rollout,
        GoalTarget.objects.select_related("owner", "rollout"),
        rollout=rollout,
        pk=pk,
    )
    if to == "set":
        return permitted(user, target, SET, may_set_goal(rights))
    return permitted(user, target, RECORD, may_record_actual(user, target, rights))


def access_import(user: "User", rollout: Rollout, rights: Rights) -> Rollout:
    """The import of actual values: the executive, and the owners of targets (403 else)."""
    owns = GoalTarget.objects.filter(rollout=rollout, owner_id=user.pk).exists()
    return permitted(user, rollout, IMPORT, may_import_actuals(rights, owns_a_target=owns))
