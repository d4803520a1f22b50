"""Staffing pages: the answer form (hours or a share of capacity), confirmation from the
plan, messages for bad input, and fixed query counts as commitments grow."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from roles.models import User
from rollout.calendar import week_start
from staffing import services as staffing
from staffing.models import Commitment, StaffingRequest
from tests.factories import UserFactory
from tests.query_counts import get_cached_page, get_page
from tests.staffing.staffing_data import new_request

pytestmark = pytest.mark.django_db
MONDAY = week_start(timezone.localdate())


def send_request(client, demo, crm, *, starts: int, ends: int, **post):
    """The executive asks IT for 16 hours a week, from `starts` to `ends` weeks from now."""
    client.force_login(demo["ceo"])
    return client.post(
        reverse("staffing:staffing_request_new", args=[crm.pk]),
        {
            "department": demo["it.manager"].department_id,
            "purpose": "testing",
            "hours_per_week": "16",
            "start_date": str(MONDAY + timedelta(weeks=starts)),
            "end_date": str(MONDAY + timedelta(weeks=ends)),
        },
        **post,
    )


def test_the_executive_sends_a_request_and_is_told_so(client, demo, crm):
    response = send_request(client, demo, crm, starts=1, ends=9, follow=True)
    assert "Request sent to IT" in response.content.decode()


def test_a_bad_request_keeps_the_input_and_says_why(client, demo, crm):
    response = send_request(client, demo, crm, starts=9, ends=0)
    assert response.status_code == 400
    assert "The end date comes before the start date." in response.content.decode()
    assert 'value="16"' in response.content.decode()


def test_a_share_of_capacity_becomes_hours(client, demo, crm):
    request = new_request(demo, crm, hours="10")
    client.force_login(demo["sales.manager"])
    client.post(
        reverse("staffing:staffing_answer", args=[crm.pk, request.pk]),
        {f"share_{demo['member2'].pk}": "25"},  # 25 % of 40 h
    )
    assert Commitment.objects.get(request=request).hours_per_week == Decimal("10.0")


def test_the_capacity_message_is_shown_on_the_answer_form(client, demo, crm):
    request = new_request(demo, crm, hours="50")
    client.force_login(demo["sales.manager"])
    response = client.post(
        reverse("staffing:staffing_answer", args=[crm.pk, request.pk]),
        {f"hours_{demo['member2'].pk}": "50"},
    )
    assert response.status_code == 400
    assert "has only 40 of 40 hours free" in response.content.decode()


def test_the_person_confirms_from_the_plan(client, demo, crm):
    request = new_request(demo, crm, hours="4")
    staffing.staffing_answer(
        by=demo["sales.manager"], request=request, people=[(demo["member2"], Decimal("4"))]
    )
    commitment = Commitment.objects.get(request=request)
    client.force_login(demo["member2"])
    response = client.post(
        reverse("staffing:commitment_confirm", args=[crm.pk, commitment.pk]), follow=True
    )
    assert "Confirmed." in response.content.decode()


def test_someone_elses_commitment_cannot_be_confirmed(client, demo, crm):
    commitment = Commitment.objects.get(person=demo["member1"])
    client.force_login(demo["member2"])
    assert (
        client.post(
            reverse("staffing:commitment_confirm", args=[crm.pk, commitment.pk])
        ).status_code
        == 403
    )


def add_commitments(demo, crm, count: int) -> None:
    """`count` people in sales, each committed and confirmed on one request."""
    sales = demo["sales.manager"].department
    people = [UserFactory.create(department=sales) for _ in range(count)]
    request = new_request(demo, crm, hours=str(count))
    staffing.staffing_answer(
        by=demo["sales.manager"], request=request, people=[(p, Decimal("1")) for p in people]
    )


@pytest.mark.parametrize(
    ("username", "page", "expected"),
    [
        ("ceo", "staffing:staffing", 12),
        ("ceo", "staffing:fulfilment", 10),
        ("ceo", "staffing:stance", 17),
    ],
)
def test_the_query_count_is_fixed_as_commitments_grow(client, demo, crm, username, page, expected):
    url = reverse(page, args=[crm.pk])
    client.force_login(demo[username])
    add_commitments(demo, crm, 10)
    get_page(client, url, expected)
    add_commitments(demo, crm, 40)
    get_page(client, url, expected)


# The heatmap's weeks and rows come from the page cache (staffing/heatmap_figures.py),
# keyed by every rollout's version: computed, the page's queries and that version read;
# cached, without the people's count, their page and their commitments (11 before).
HEATMAP_QUERIES = 12
HEATMAP_CACHED_QUERIES = 9


def test_the_heatmap_keeps_its_query_count_computed_and_cached(client, demo, crm):
    url = reverse("staffing:capacity", args=[crm.pk])
    client.force_login(demo["sales.manager"])
    counts = {"fresh": HEATMAP_QUERIES, "cached": HEATMAP_CACHED_QUERIES}
    add_commitments(demo, crm, 10)
    get_cached_page(client, url, rollout_id=crm.pk, **counts)
    add_commitments(demo, crm, 40)
    get_cached_page(client, url, rollout_id=crm.pk, **counts)


NOTIFICATIONS_PAGE_QUERIES = 5


def test_the_notifications_page_query_count_is_fixed(client, demo, crm):
    from notifications.services.reminders import NewReminder, reminders_dispatch, reminders_put
    from tests.notifications.spare_keys import spare_key

    client.force_login(demo["member1"])
    url = reverse("notifications:notifications")
    get_page(client, url, NOTIFICATIONS_PAGE_QUERIES)
    reminders_put(
        [NewReminder(spare_key(n), demo["member1"].pk, crm.pk, "/", {}) for n in range(60)]
    )
    reminders_dispatch()
    get_page(client, url, NOTIFICATIONS_PAGE_QUERIES)


def test_the_staffing_plan_exports_one_row_per_commitment(client, demo, crm):
    import csv
    import io

    client.force_login(demo["member1"])
    response = client.get(reverse("staffing:staffing_export", args=[crm.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    committed = Commitment.objects.filter(request__rollout=crm).count()
    unanswered = StaffingRequest.objects.filter(rollout=crm, commitments__isnull=True).count()
    assert rows[0][0] == "Request"
    assert len(rows) - 1 == committed + unanswered


def test_the_staffing_plan_exports_as_a_workbook(client, demo, crm):
    import io

    from openpyxl import load_workbook

    client.force_login(demo["ceo"])
    response = client.get(reverse("staffing:staffing_export", args=[crm.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=1, column=8).value == "Person"


def test_the_heatmap_shows_a_large_department_fifty_people_a_page(client, demo, crm):
    from staffing.views import HEATMAP_PEOPLE_PER_PAGE

    sales = demo["sales.manager"].department
    UserFactory.create_batch(HEATMAP_PEOPLE_PER_PAGE + 5, department=sales)
    everyone = User.objects.filter(department=sales, is_active=True).count()
    client.force_login(demo["sales.manager"])
    url = reverse("staffing:capacity", args=[crm.pk])
    first = client.get(url).content.decode()
    second = client.get(url, {"department": sales.pk, "page": 2}).content.decode()
    assert first.count("data-person=") == HEATMAP_PEOPLE_PER_PAGE
    assert second.count("data-person=") == everyone - HEATMAP_PEOPLE_PER_PAGE
    assert "page=2" in first and "1 / 2" in first


def test_the_heatmap_states_its_cells_in_the_readers_language(client, demo, crm):
    from django.conf import settings

    client.force_login(demo["sales.manager"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = client.get(reverse("staffing:capacity", args=[crm.pk])).content.decode()
    cells = page.split('id="heatmap"', 1)[1]
    assert (
        'class="heat-free" title="空闲"' in cells
        or 'title="已满"' in cells
        or 'title="超额"' in cells
    )
    assert 'title="free"' not in cells and 'title="full"' not in cells
