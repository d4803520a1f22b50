"""One access call per staffing object, carrying the level it needs, in the manner of
work/access.py: 404 for what the person cannot see, 403 for what they see but may not do at
that level (checked before any form is read), and a mark so the service does not ask again."""

from typing import Literal

from core.access import permitted
from roles import selectors as role_selectors
from roles.models import User
from rollout.models import Rollout
from staffing import counter_offers, services
from staffing.models import Commitment, StaffingRequest
from staffing.permissions import get_commitment_for_user, get_request_for_user


def access_request(
    user: User,
    rollout: Rollout,
    pk: int,
    *,
    to: Literal["read", "answer", "executive"] = "read",
) -> StaffingRequest:
    """A request: everyone in the rollout reads the plan; only the middle manager of its
    department answers it; only the executive replies to its counter-offer."""
    staffing_request = get_request_for_user(user, rollout, pk)
    if to == "read":
        return staffing_request
    if to == "executive":
        allowed = counter_offers.may_reply(user, staffing_request)
        return permitted(user, staffing_request, to, allowed)
    return permitted(user, staffing_request, to, services.may_answer(user, staffing_request))


CommitmentLevel = Literal["read", "own", "manage"]


def access_commitment(
    user: User, rollout: Rollout, pk: int, *, to: CommitmentLevel = "read"
) -> Commitment:
    """A commitment: "own" for its person (confirm, raise a conflict), "manage" for the
    middle manager who answers its request (change the hours, pull back)."""
    commitment = get_commitment_for_user(user, rollout, pk)
    if to == "read":
        return commitment
    if to == "own":
        return permitted(user, commitment, to, services.is_committed_person(user, commitment))
    return permitted(user, commitment, to, services.may_answer(user, commitment.request))


def access_own_stance(user: User, rollout: Rollout) -> Rollout:
    """A middle manager's own stance page: for whoever manages a department on the rollout
    (each sees only their own signals); 403 for anyone else in it."""
    managed = role_selectors.managed_department_ids(user=user, rollout=rollout)
    return permitted(user, rollout, "own_stance", bool(managed))
