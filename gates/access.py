"""One access call per gate or criterion, carrying the level it needs, in the manner of
work/access.py: 404 for what the person cannot see, 403 for what they see but may not do at
that level (checked before any form is read), and a mark so the service does not ask again."""

from typing import TYPE_CHECKING, Literal

from core.access import permitted
from gates import services
from gates.models import Gate, GateCriterion
from gates.permissions import get_criterion_for_user, get_gate_for_user
from roles import selectors as role_selectors
from rollout.models import Rollout

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import User

# "executive": what only the rollout's executive does (decide, add or remove criteria).
GateLevel = Literal["read", "executive", "recommend"]


def access_gate(user: "User", rollout: Rollout, pk: int, *, to: GateLevel = "read") -> Gate:
    gate = get_gate_for_user(user, rollout, pk)
    if to == "read":  # everyone in the rollout reads its gates
        return gate
    if to == "recommend":
        return permitted(user, gate, to, services.may_recommend(user, rollout))
    return permitted(user, gate, to, role_selectors.is_executive(person=user, rollout=rollout))


def access_criterion(
    user: "User", rollout: Rollout, pk: int, *, to: Literal["executive", "confirm"]
) -> GateCriterion:
    """A criterion to remove ("executive") or to confirm (only the person it names)."""
    criterion = get_criterion_for_user(user, rollout, pk)
    if to == "confirm":
        return permitted(user, criterion, to, services.confirms(user, criterion))
    return permitted(user, criterion, to, role_selectors.is_executive(person=user, rollout=rollout))
