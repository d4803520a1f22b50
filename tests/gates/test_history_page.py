"""The History page: local, readable times; the decisions with their conditions, the
conditions met; filters by kind, person and dates that keep what was chosen and answer
odd input with a message; an exact number of queries."""

import re
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from gates import services as gate_services
from gates.models import DecisionCondition
from roles.models import Role, RoleAssignment
from rollout.services.calendar import calendar_day_add
from tests.query_counts import get_page
from tests.work.work_data import add_tasks
from work import services as work
from work.models import Task

pytestmark = pytest.mark.django_db


def history(client, person, query: str = "", **headers):
    """The CRM rollout's history (the ceo is its executive)."""
    client.force_login(person)
    crm = RoleAssignment.objects.get(person=person, role=Role.EXECUTIVE).rollout_id
    return client.get(reverse("gates:history", args=[crm]) + query, **headers)


def table(response) -> str:
    return str(response.content.decode()).split('id="history"', 1)[1].split("</table>", 1)[0]


def kinds(response) -> set[str]:
    return set(re.findall(r'<tr data-kind="(\w+)"', table(response)))


@pytest.fixture
def claimed(demo, member1_task) -> Task:
    work.task_claim_done(by=demo["member1"], task=member1_task)
    return Task.objects.get(pk=member1_task.pk)


# --- times ---------------------------------------------------------------------------------


def test_a_time_in_a_change_is_local_and_readable(client, demo, claimed):
    assert claimed.claimed_at is not None
    local = timezone.localtime(claimed.claimed_at)
    text = table(history(client, demo["ceo"]))
    assert f"claimed done: <del>—</del> → <ins>{local:%Y-%m-%d %H:%M}</ins>" in text
    assert str(claimed.claimed_at) not in text  # the stored UTC time, microseconds and all
    assert not re.search(r"\d\d:\d\d:\d\d\.\d{6}", text)


def test_the_page_names_its_time_zone(client, demo, crm):
    assert "Times are local, in Asia/Shanghai." in history(client, demo["ceo"]).content.decode()


# --- decisions and conditions --------------------------------------------------------------


def test_a_decision_is_there_with_its_reason_and_conditions(client, demo, crm):
    condition = DecisionCondition.objects.select_related("decision", "owner").get(
        decision__gate__rollout=crm
    )
    text = table(history(client, demo["ceo"]))
    assert f"decision: {condition.decision.gate.name}" in text
    assert "Go with conditions" in text
    assert f"reason: {condition.decision.reason}" in text
    due = f"{condition.due_date:%Y-%m-%d}"
    assert f"condition: {condition.text} — {condition.owner}, due {due}" in text


def test_a_condition_met_is_there_with_who_met_it(client, demo, crm):
    condition = DecisionCondition.objects.get(decision__gate__rollout=crm)
    gate_services.condition_met(by=demo["sales.manager"], condition=condition, note="All named.")
    response = history(client, demo["ceo"], "?kind=decisions")
    row = table(response).split(f"condition: {condition.text}", 1)
    assert len(row) == 2
    assert str(demo["sales.manager"]) in row[0].rsplit("<tr", 1)[1]
    assert "note: All named." in row[1].split("</tr>", 1)[0]


# --- filters -------------------------------------------------------------------------------


def test_the_kind_filter_shows_only_that_kind_and_keeps_it_chosen(client, demo, crm):
    response = history(client, demo["ceo"], "?kind=decisions")
    assert kinds(response) == {"decisions"}
    assert '<option value="decisions" selected>' in response.content.decode()


def test_the_person_filter_shows_only_their_changes_with_what_they_changed(
    client, demo, crm, member1_task
):
    member1 = demo["member1"]
    client.force_login(member1)  # through the page, so the history knows who
    client.post(reverse("work:task_claim", args=[crm.pk, member1_task.pk]), {"confirm": "yes"})
    response = history(client, demo["ceo"], f"?person={member1.pk}")
    text = table(response)
    whos = set(re.findall(r'<td class="text-nowrap">([^<]+)</td>\s*<td>', text))
    assert whos == {str(member1)}
    # The version before member1's claim was written by someone else, and is still the
    # "before" of the change.
    assert "<del>Open</del> → <ins>Claimed done</ins>" in text
    assert f'<option value="{member1.pk}" selected>' in response.content.decode()


def test_the_date_filter_finds_an_old_change_with_what_it_changed(client, demo, claimed):
    old = timezone.now() - timedelta(days=400)
    Task.history.filter(id=claimed.pk).update(history_date=old)
    day = timezone.localdate(old)
    response = history(client, demo["ceo"], f"?date_from={day}&date_to={day}")
    assert kinds(response) == {"tasks"}
    assert "<del>Open</del> → <ins>Claimed done</ins>" in table(response)
    assert f'value="{day}"' in response.content.decode()


def test_a_day_of_the_date_filter_is_a_local_day(client, demo, claimed):
    """23:30 on 1 March in Shanghai is 15:30 UTC the same day; 00:30 on 2 March is 16:30 UTC
    on 1 March: by the local day it belongs to 2 March."""
    zone = timezone.get_current_timezone()
    Task.history.filter(id=claimed.pk).update(history_date=datetime(2030, 3, 2, 0, 30, tzinfo=zone))
    on_first = history(client, demo["ceo"], "?kind=tasks&date_from=2030-03-01&date_to=2030-03-01")
    on_second = history(client, demo["ceo"], "?kind=tasks&date_from=2030-03-02&date_to=2030-03-02")
    assert (kinds(on_first), kinds(on_second)) == (set(), {"tasks"})


def test_calendar_changes_are_in_the_history(client, demo, crm):
    calendar_day_add(by=demo["admin"], calendar=crm.calendar, day=date(2027, 2, 8),
                     is_working=False, name_en="Spring Festival")  # fmt: skip
    text = table(history(client, demo["ceo"], "?kind=calendar"))
    assert "2027-02-08 · Spring Festival" in text
    assert str(demo["admin"]) in text


def test_the_pages_keep_the_filter(client, demo, crm):
    for task in add_tasks(crm, demo["member1"], 60):
        task.title = "Renamed"
        task.save()  # a history row each (bulk_create writes none)
    page_one = history(client, demo["ceo"], "?kind=tasks").content.decode()
    assert "?kind=tasks&amp;page=2" in page_one


@pytest.mark.parametrize(
    "query",
    [
        "?date_from=2027-02-30",
        "?date_from=0001-01-01",
        "?date_to=9999-12-31",
        "?date_from=2027-03-01&date_to=2027-02-01",
        "?person=abc",
        "?person=99999999999999999999999",
        "?person=²",
        "?kind=bogus",
        "?date_from=%00",
    ],
)
def test_odd_filter_input_gives_a_message_not_an_error(client, demo, crm, query):
    response = history(client, demo["ceo"], query)
    assert response.status_code == 400
    assert "Part of the filter could not be used" in response.content.decode()


def test_the_rest_of_a_partly_refused_filter_applies(client, demo, crm):
    response = history(client, demo["ceo"], "?kind=decisions&date_from=2027-02-30")
    assert kinds(response) == {"decisions"}


def test_the_filter_speaks_chinese(client, demo, crm):
    response = history(client, demo["ceo"], "?person=abc", HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = response.content.decode()
    assert "筛选条件有一部分无法使用" in text
    assert "决策和条件" in text


ODD = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "2027-02-30", "9999-12-31", "0001-01-01", "-1", "1e309", "tasks",
                     "decisions", "9" * 30, "2026-12-01", "<b>"]),
)  # fmt: skip


@settings(max_examples=30)
@given(kind=ODD, person=ODD, date_from=ODD, date_to=ODD, page=ODD)
def test_any_filter_is_answered_never_an_error(
    client, demo, crm, kind, person, date_from, date_to, page
):
    client.force_login(demo["ceo"])
    params = {
        "kind": kind,
        "person": person,
        "date_from": date_from,
        "date_to": date_to,
        "page": page,
    }
    response = client.get(reverse("gates:history", args=[crm.pk]), params)
    assert response.status_code in (200, 400)


# --- queries -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Session, person, rollout, the permission it needs, the people (5); the eight
        # history tables (8); decisions, their conditions, conditions met and
        # recommendations (4); the tasks each decision sent back to redo (1); the bell, My
        # work's count and the tabs' permissions (3).
        ("", 21),
        # The history of tasks alone (1 instead of 12).
        ("?kind=tasks", 9),
        # Decisions, their conditions and tasks to redo, conditions met (4 instead of 13).
        ("?kind=decisions", 12),
        # member1 decided nothing: Django does not ask for the conditions of no decision.
        ("?person=PERSON&date_from=2026-01-01&date_to=2030-12-31", 19),
    ],
)
def test_the_page_keeps_an_exact_query_count(client, demo, crm, query, expected):
    client.force_login(demo["ceo"])
    url = reverse("gates:history", args=[crm.pk]) + query.replace("PERSON", str(demo["member1"].pk))
    get_page(client, url, expected)
    tasks = add_tasks(crm, demo["member1"], 40)
    Task.objects.filter(pk__in=[t.pk for t in tasks]).update(title="Renamed")
    for task in tasks[:5]:
        task.title = "Renamed again"
        task.save()
    gate = crm.gates.get(key="select")
    gate_services.recommendation_add(
        by=demo["sales.manager"], gate=gate, advice="go", reason="Ready."
    )
    get_page(client, url, expected)
