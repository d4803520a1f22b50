"""The seats access_seats read are marked on the rollout for that person, so the service
the view hands the rollout to does not read them again, and never for anyone else."""

from decimal import Decimal

import pytest

from roles.models import Seat
from selection import services
from selection.access import access_seats
from selection.seats import held_seats
from tests.query_counts import exactly

pytestmark = pytest.mark.django_db


def test_it_reads_the_seats_from_the_marks_without_a_query(demo, crm):
    access_seats(demo["sel.finance"], crm, Seat.FINANCE)
    with exactly(0):
        assert held_seats(demo["sel.finance"], crm) == {Seat.FINANCE}


def test_it_asks_the_database_for_a_person_the_rollout_was_not_checked_for(demo, crm):
    access_seats(demo["sel.finance"], crm, Seat.FINANCE)
    with exactly(1):
        assert held_seats(demo["sel.it"], crm) == {Seat.IT}


def test_a_service_refuses_a_seat_the_marks_do_not_hold(demo, crm):
    access_seats(demo["sel.it"], crm, Seat.IT)
    with pytest.raises(services.SelectionNotAllowed):
        services.rate_set(
            by=demo["sel.it"], rollout=crm, department_id=demo["sel.it"].department_id,
            hourly_rate=Decimal("1"),
        )  # fmt: skip
