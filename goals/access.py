"""One access call per object, carrying the level it needs: the goal (the rollout itself)
to set, a target to change or to record an actual of. 404 for a target of another rollout
(or none), 403 for one the person sees but may not act on at that level."""

from typing import TYPE_CHECKING, Literal

from core.access import one_in_resolved_or_404, permitted
from goals.models import GoalTarget
from goals.policies import (
    may_import_actuals,
    may_record_actual,
    may_record_any_adoption,
    may_record_benefit,
    may_set_goal,
)
from roles.selectors.people import managed_department_ids, seats_held
from rollout.models import Rollout
from rollout.policies import Rights

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import User

SET = "set_goal"
RECORD = "record_actual"
IMPORT = "import_actuals"
RECORD_ADOPTION = "record_adoption"
RECORD_BENEFIT = "record_benefit"


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


def access_adoption_record(user: "User", rollout: Rollout, rights: Rights) -> Rollout:
    """Recording or importing adoption values: the executive and the departments' managers
    (403 else); the service checks each value's department."""
    managed = managed_department_ids(user=user, rollout=rollout)
    return permitted(
        user, rollout, RECORD_ADOPTION, may_record_any_adoption(rights, managed=managed)
    )


def access_benefit(user: "User", rollout: Rollout, rights: Rights) -> Rollout:
    """Recording the realised benefit: the finance seat and the executive (403 else)."""
    seats = seats_held(person=user, rollout=rollout)
    return permitted(user, rollout, RECORD_BENEFIT, may_record_benefit(rights, seats=seats))
