"""One access call per object, carrying the level it needs (core.access.permitted): 403
for a person who sees the register but may not act at that level, and a mark on the object
so that the service does not ask again. Who may do what: risks.policies."""

from typing import TYPE_CHECKING

from core.access import permitted
from risks.models import Risk
from risks.permissions import get_risk_for_user
from risks.policies import adds_risks, edits_risk, reviews_risks
from risks.services import ADD, EDIT, REVIEW
from rollout.models import Rollout
from rollout.policies import Rights

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import User


def access_risk(user: "User", rollout: Rollout, pk: int, rights: Rights) -> Risk:
    """A risk to edit: the executive's any, an owner's their own."""
    risk = get_risk_for_user(user, rollout, pk)
    return permitted(
        user, risk, EDIT, edits_risk(rights, person_id=user.pk, owner_id=risk.owner_id)
    )


def access_register(user: "User", rollout: Rollout, rights: Rights, *, to: str) -> Rollout:
    """The rollout, to add risks to (`to=ADD`) or to record a review of its register
    (`to=REVIEW`)."""
    allowed = adds_risks(rights) if to == ADD else reviews_risks(rights) if to == REVIEW else False
    return permitted(user, rollout, to, allowed)
