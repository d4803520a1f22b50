"""My work, the home page: what waits on the person, most urgent first, each with a link to
the form that does it; the same count in the navigation bar; a friendly word when nothing
waits; the role panel open on the first visit only; a fixed number of queries at 10 or 200
items."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.waiting import waiting_for
from gates.views.home import ROLE_PANEL_COOKIE
from notifications.context_processors import notifications
from staffing.models import StaffingRequest
from tests.query_counts import exactly, get_cached_page
from work.models import Task

pytestmark = pytest.mark.django_db


def my_work(client, person, **headers):
    client.force_login(person)
    return client.get(reverse("gates:home"), **headers)


def test_the_executive_sees_the_gate_to_decide_with_a_link_to_the_decision_form(client, demo, crm):
    row = my_work(client, demo["ceo"]).context["rows"][0]
    assert (row.item.kind, row.item.subject) == ("gate", "Select the system")
    assert row.item.url.endswith("#decide-heading")


def test_each_item_says_since_when_it_waits_and_when_it_is_due(client, demo):
    page = my_work(client, demo["finance.manager"]).content.decode()
    assert "Answer the staffing request: Finance: 8 h a week, Key user" in page
    assert "waiting for 1\xa0week" in page
    assert "Due " in page


def test_an_overdue_item_is_marked_and_comes_first(client, demo, crm, member1_task):
    Task.objects.filter(pk=member1_task.pk).update(
        due_date=timezone.localdate() - timedelta(days=2)
    )
    response = my_work(client, demo["member1"])
    first = response.context["rows"][0]
    assert (first.item.subject, first.overdue) == (member1_task.title, True)
    assert "Overdue" in response.content.decode()


def test_the_most_urgent_comes_first_then_the_oldest(client, demo):
    rows = my_work(client, demo["sales.manager"]).context["rows"]
    dated = [r.item.due for r in rows if r.item.due]
    assert dated == sorted(dated)
    assert rows[-1].item.due is None  # the claim to verify has no due date: last


def test_an_empty_list_says_so_kindly(client, demo):
    page = my_work(client, demo["member2"]).content.decode()
    assert "Nothing waits on you right now." in page


def test_an_empty_list_says_so_in_chinese(client, demo):
    page = my_work(client, demo["member2"], HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "现在没有等您处理的事" in page


def test_the_navigation_bar_counts_what_waits_on_every_page(client, demo, crm):
    client.force_login(demo["sales.manager"])
    response = client.get(reverse("roles:catalogue_index"))
    assert response.context["waiting_count"]() == 3
    assert '<span class="badge text-bg-warning waiting-count">3<' in response.content.decode()


def test_the_navigation_bar_shows_no_count_when_nothing_waits(client, demo):
    client.force_login(demo["member2"])
    assert "waiting-count" not in client.get(reverse("roles:catalogue_index")).content.decode()


def test_the_role_panel_is_open_on_the_first_visit_and_closed_after(client, demo):
    first = my_work(client, demo["member1"])
    assert first.context["role_panel_open"]
    assert '<details class="card mb-4 your-role" open>' in first.content.decode()
    again = client.get(reverse("gates:home"))
    assert not again.context["role_panel_open"]


def test_the_role_panel_opens_once_for_each_person_on_a_shared_browser(client, demo):
    my_work(client, demo["member1"])
    assert ROLE_PANEL_COOKIE in client.cookies
    assert my_work(client, demo["member2"]).context["role_panel_open"]


def test_the_role_panel_links_to_the_roles_duties_and_taboos(client, demo):
    page = my_work(client, demo["ceo"]).content.decode()
    assert reverse("roles:catalogue_role", args=["executive"]) in page
    assert "Decide whether to adopt a CRM and set the goal" not in page  # on the role page


def _claims_and_requests(demo, crm, count: int) -> None:
    """`count` items waiting on the sales manager: half claims to verify, half requests to
    answer, beside the demo's three."""
    sales = demo["sales.manager"].department
    template = Task.objects.filter(rollout=crm, department=sales).first()
    assert template is not None
    now = timezone.now()
    Task.objects.bulk_create(
        Task(
            rollout=crm,
            title=f"Claimed {n}",
            workstream_id=template.workstream_id,
            department=sales,
            due_date=template.due_date,
            estimate_hours=1,
            status=Task.Status.CLAIMED,
            claimed_at=now,
            created_by=demo["ceo"],
        )
        for n in range(count // 2)
    )
    StaffingRequest.objects.bulk_create(
        StaffingRequest(
            rollout=crm,
            department=sales,
            requested_by=demo["ceo"],
            purpose="training",
            hours_per_week=1,
            start_date=timezone.localdate(),
            end_date=timezone.localdate() + timedelta(days=7),
        )
        for _ in range(count - count // 2)
    )


# The session and the person, every rollout's version (the page cache's key,
# gates/selectors/my_work_figures.py), the ids of every kind of item (one query), the
# rollouts the person is in, then one query for each kind the person has items of (the
# executive: a gate; the manager: claims, staffing requests, a mention), the three of the
# rollout cards (roles, gates, the calendar for the executive) and the bell. The navigation
# bar's count is the list's length: no query of its own on this page.
# From the cache: the session, the person, the version, the ids, the rollouts, the bell.
MY_WORK_CACHED_QUERIES = 6


@pytest.mark.parametrize("count", [10, 200])
@pytest.mark.parametrize(("username", "expected"), [("ceo", 10), ("sales.manager", 11)])
def test_its_query_count_does_not_grow_with_the_items(client, demo, crm, count, username, expected):
    _claims_and_requests(demo, crm, count)
    client.force_login(demo[username])
    counts = {"fresh": expected, "cached": MY_WORK_CACHED_QUERIES}
    get_cached_page(client, reverse("gates:home"), rollout_id=crm.pk, **counts)
    if username == "sales.manager":
        assert len(client.get(reverse("gates:home")).context["rows"]) == count + 3


@pytest.mark.parametrize("count", [10, 200])
def test_the_navigation_bars_count_is_one_query_whatever_the_items(rf, demo, crm, count):
    _claims_and_requests(demo, crm, count)
    request = rf.get("/")
    request.user = demo["sales.manager"]
    counted = notifications(request)["waiting_count"]
    assert callable(counted)
    with exactly(1):
        assert counted() == count + 3
        assert counted() == count + 3  # read twice by a page: asked once


@pytest.mark.parametrize(
    ("username", "kinds"),
    [
        ("ceo", {"gate"}),
        ("sales.manager", {"staffing_request", "claim"}),
        ("finance.manager", {"staffing_request", "claim"}),
        ("member1", {"commitment", "task"}),
        ("member3", {"commitment", "task"}),
        ("sel.it", {"scorecard"}),
    ],
)
def test_the_demo_leaves_each_login_an_item_of_its_role(demo, username, kinds):
    assert kinds & {item.kind for item in waiting_for(demo[username])}


def test_an_administrator_without_a_role_has_no_role_panel(client, demo):
    page = my_work(client, demo["admin"]).content.decode()
    assert "your-role" not in page
    assert "My rollouts" in page
