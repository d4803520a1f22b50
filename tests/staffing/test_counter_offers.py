"""The executive's reply to a counter-offer: accepting makes the request ask for what was
offered (the hours asked before kept on the reply), refusing with a reason opens the
request to the manager again; the manager is told either way, and nobody else replies."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from notifications.models import Notification
from staffing import counter_offers
from staffing import services as staffing
from staffing.counter_offers import counter_offer_accept, counter_offer_refuse
from staffing.models import CounterOfferReply, StaffingRequest
from staffing.services import StaffingError, StaffingNotAllowed
from tests.staffing.staffing_data import new_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def offered(demo, crm) -> StaffingRequest:
    """Sales asked for 8 h/week; its manager offers member1 for 5."""
    request = new_request(demo, crm, "8")
    staffing.staffing_answer(
        by=demo["sales.manager"],
        request=request,
        people=[(demo["member1"], Decimal("5"))],
        reason="Quarter-end closing",
    )
    request.refresh_from_db()
    assert request.status == "partial"
    return request


def told(person) -> list[str]:
    return list(Notification.objects.filter(recipient=person).values_list("text", flat=True))


def test_accepting_sets_the_request_to_the_offer(demo, offered):
    reply = counter_offer_accept(by=demo["ceo"], request=offered)
    offered.refresh_from_db()
    assert (offered.status, offered.hours_per_week) == ("committed", Decimal("5"))
    assert reply.asked_hours == Decimal("8")


def test_accepting_tells_the_manager(demo, offered):
    counter_offer_accept(by=demo["ceo"], request=offered)
    assert any("accepted your counter-offer" in text for text in told(demo["sales.manager"]))


def test_refusing_opens_the_request_again_and_tells_the_manager_why(demo, offered):
    counter_offer_refuse(by=demo["ceo"], request=offered, reason="Go-live needs 8 hours")
    offered.refresh_from_db()
    assert (offered.status, offered.hours_per_week) == ("waiting", Decimal("8"))
    assert any("Go-live needs 8 hours" in text for text in told(demo["sales.manager"]))


def test_a_new_answer_after_a_refusal_counts_who_is_committed_already(demo, offered):
    counter_offer_refuse(by=demo["ceo"], request=offered, reason="Need the full 8")
    answer = staffing.staffing_answer(
        by=demo["sales.manager"], request=offered, people=[(demo["member2"], Decimal("3"))]
    )
    assert (answer.kind, answer.hours_per_week) == ("commit", Decimal("8"))


def test_refusing_needs_a_reason(demo, offered):
    with pytest.raises(StaffingError, match="Say why you refuse"):
        counter_offer_refuse(by=demo["ceo"], request=offered, reason="  ")
    assert not CounterOfferReply.objects.exists()


@pytest.mark.parametrize("username", ["sales.manager", "member1", "sel.senior", "admin"])
def test_only_the_executive_replies(demo, offered, username):
    with pytest.raises(StaffingNotAllowed):
        counter_offer_accept(by=demo[username], request=offered)


def test_a_counter_offer_is_replied_to_once(demo, offered):
    counter_offer_accept(by=demo["ceo"], request=offered)
    with pytest.raises(StaffingError, match="no counter-offer waiting"):
        counter_offer_refuse(by=demo["ceo"], request=offered, reason="Changed my mind")


def test_a_request_answered_in_full_has_no_counter_offer(demo, crm):
    request = new_request(demo, crm, "4")
    staffing.staffing_answer(
        by=demo["sales.manager"], request=request, people=[(demo["member1"], Decimal("4"))]
    )
    assert counter_offers.open_counter_offer(request) is None
    with pytest.raises(StaffingError, match="no counter-offer waiting"):
        counter_offer_accept(by=demo["ceo"], request=request)


def test_the_database_refuses_a_refusal_without_a_reason(demo, offered):
    answer = offered.answers.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        CounterOfferReply.objects.create(
            answer=answer, accepted=False, asked_hours=Decimal("8"), by=demo["ceo"]
        )
