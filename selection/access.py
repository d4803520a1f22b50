"""The access calls of the selection, in the manner of work/access.py: the rollout for a
person holding one of the seats an action needs, or for one who may read the results; 403
for anyone else in the rollout, checked before any form is read. access_seats also marks
each seat the person holds, so the service the view hands the rollout to reads which seats
they hold from it instead of asking the database again (selection.seats.held_seats)."""

from typing import TYPE_CHECKING, Literal

from core.access import permitted
from roles.selectors import seats_held
from rollout.models import Rollout
from selection.policies import edits_rates
from selection.seats import mark_seats
from selection.selectors import may_see_results

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import User


def access_seats(user: "User", rollout: Rollout, *needed: str) -> set[str]:
    """The seats the person holds on the rollout; 403 when none of `needed`."""
    held = seats_held(person=user, rollout=rollout)
    permitted(user, rollout, "seat", bool(held & set(needed)))
    mark_seats(user, rollout, held)
    return held


def access_seat_page(
    user: "User", rollout: Rollout, seat: str, *, to: Literal["read", "edit"]
) -> bool:
    """A page one seat keeps (the finance seat's cost-benefit, the negotiator's log): its
    holder edits it, and whoever may see the results reads it too; 403 for anyone else.
    Whether the person holds the seat."""
    if to == "edit":
        access_seats(user, rollout, seat)
        return True
    holds = seat in seats_held(person=user, rollout=rollout)
    permitted(user, rollout, f"read_{seat}", holds or may_see_results(user, rollout))
    return holds


def access_results(user: "User", rollout: Rollout) -> Rollout:
    """The results and their export: for whoever selectors.may_see_results lets see them."""
    return permitted(user, rollout, "results", may_see_results(user, rollout))


def access_rates(user: "User", rollout: Rollout, *, to: Literal["read", "edit"]) -> bool:
    """The department hourly rates: whoever policies.edits_rates names edits (and reads)
    them; whoever may see the results reads them; 403 for anyone else. Whether the person
    edits."""
    edits = edits_rates(
        seats=seats_held(person=user, rollout=rollout), is_superuser=user.is_superuser
    )
    if to == "edit":
        permitted(user, rollout, "edit_rates", edits)
        return True
    permitted(user, rollout, "read_rates", edits or may_see_results(user, rollout))
    return edits
