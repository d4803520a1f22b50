"""The counter-offer on the request page: the executive sees it with Accept and Refuse
(reason); nobody else does; a refusal without a reason is shown again with the message;
the page keeps a fixed number of queries however long its thread."""

from decimal import Decimal

import pytest
from django.urls import reverse

from staffing.models import StaffingRequest
from tests.discussion.discussion_data import add_comments, target_for
from tests.query_counts import get_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def offered(crm) -> StaffingRequest:
    """The demo's IT request: 40 h/week asked, 36 offered, waiting for the executive."""
    return StaffingRequest.objects.get(rollout=crm, status="partial")


def page(client, person, crm, request) -> str:
    client.force_login(person)
    url = reverse("staffing:staffing_request", args=[crm.pk, request.pk])
    return str(client.get(url).content.decode())


def test_the_executive_sees_the_counter_offer_to_answer(client, demo, crm, offered):
    text = page(client, demo["ceo"], crm, offered)
    assert 'id="counter-offer"' in text and "36 of the 40 h/week asked" in text


@pytest.mark.parametrize("username", ["it.manager", "sales.manager", "member3", "admin"])
def test_nobody_else_sees_the_reply_forms(client, demo, crm, offered, username):
    assert 'id="counter-offer"' not in page(client, demo[username], crm, offered)


def test_accepting_shows_the_request_committed_with_what_was_asked_before(
    client, demo, crm, offered
):
    client.force_login(demo["ceo"])
    url = reverse("staffing:counter_offer_accept", args=[crm.pk, offered.pk])
    text = client.post(url, follow=True).content.decode()
    offered.refresh_from_db()
    assert (offered.status, offered.hours_per_week) == ("committed", Decimal("36"))
    assert "asked before: 40 h/week" in text and 'id="counter-offer"' not in text


def test_a_refusal_without_a_reason_is_shown_again_with_the_message(client, demo, crm, offered):
    client.force_login(demo["ceo"])
    url = reverse("staffing:counter_offer_refuse", args=[crm.pk, offered.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert 'id="counter-offer"' in response.content.decode()
    offered.refresh_from_db()
    assert offered.status == "partial"


def test_a_refusal_opens_the_answer_form_to_the_manager_again(client, demo, crm, offered):
    client.force_login(demo["ceo"])
    url = reverse("staffing:counter_offer_refuse", args=[crm.pk, offered.pk])
    client.post(url, {"reason": "Testing needs all 40 hours"})
    text = page(client, demo["it.manager"], crm, offered)
    assert 'id="answer-people"' in text and "Testing needs all 40 hours" in text


# The request page as the executive sees it with a counter-offer waiting: 14. Whether they
# may answer is one read of their grants (has_perm asked twice) and, as they hold no
# "commit staff", not the departments they manage (16 before); no answer form's people and
# their free hours, their reviews; whether they are the executive; the replies come in the
# answers' join.
EXECUTIVE_PAGE_QUERIES = 14


@pytest.mark.parametrize("count", [10, 200])
def test_the_executives_page_keeps_its_query_count(client, demo, crm, offered, count):
    add_comments(
        target_for(demo["ceo"], crm, "staffing_request", offered.pk), demo["it.manager"], count
    )
    client.force_login(demo["ceo"])
    url = reverse("staffing:staffing_request", args=[crm.pk, offered.pk])
    get_page(client, url, EXECUTIVE_PAGE_QUERIES)
