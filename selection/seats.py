"""Which seats a person holds on a rollout, asked once a request: access_seats reads them
and leaves a mark on the rollout for each, so the service the view hands that rollout to
reads them from the marks. A service called without the access call (a task, the demo, a
test) finds no mark and asks the database, so it can never be called unchecked."""

from typing import TYPE_CHECKING

from core.checked import mark_checked, was_checked
from roles.models import Seat
from roles.selectors import seats_held
from rollout.models import Rollout

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import User

# Marked when the seats were read, whichever they are (none held is an answer too).
SEATS_READ = "seat"


def _seat_mark(seat: str) -> str:
    return f"seat:{seat}"


def mark_seats(user: "User", rollout: Rollout, held: set[str]) -> None:
    mark_checked(rollout, user.pk, SEATS_READ)
    for seat in held:
        mark_checked(rollout, user.pk, _seat_mark(seat))


def held_seats(person: "User", rollout: Rollout) -> set[str]:
    """The seats the person holds: from the marks access_seats left, or from the database."""
    if not was_checked(rollout, person.pk, SEATS_READ):
        return seats_held(person=person, rollout=rollout)
    return {seat for seat in Seat.values if was_checked(rollout, person.pk, _seat_mark(seat))}
