"""The board's Kanban view: a column per status, and a claim moved through the board's own
verify and send-back forms (the same services), back to the Kanban."""

import pytest
from django.urls import reverse

from demo.keys import demo_task
from tests.work.test_work_pages_queries import BOARD_CACHED_QUERIES, BOARD_QUERIES
from tests.work.work_data import add_tasks, cached_queries_at_10_and_200_tasks
from work.models import Task
from work.views.board import KANBAN_MOST, PER_PAGE

pytestmark = pytest.mark.django_db
# As the table: the Kanban's cards are one query whatever their number (up to KANBAN_MOST),
# from the page cache (work/board_figures.py): computed, then cached (13 before the cache).
KANBAN_QUERIES = BOARD_QUERIES
KANBAN_CACHED_QUERIES = BOARD_CACHED_QUERIES


def test_the_kanban_has_a_column_per_status(client, demo, crm):
    client.force_login(demo["ceo"])
    response = client.get(reverse("work:board", args=[crm.pk]), {"view": "kanban"})
    columns = response.context["columns"]
    assert [status for status, _label, _cards in columns] == [
        "open", "in_progress", "claimed", "sent_back", "verified",
    ]  # fmt: skip
    claimed = next(cards for status, _label, cards in columns if status == "claimed")
    assert {t.title for t in claimed} == {
        demo_task(crm, "credit_limit_rule").title,
        demo_task(crm, "cleanup_batch1").title,
    }


def test_a_managers_move_to_verified_verifies_and_returns_to_the_kanban(client, demo, crm):
    task = demo_task(crm, "cleanup_batch1")  # claimed, Sales
    client.force_login(demo["sales.manager"])
    page = client.get(reverse("work:board", args=[crm.pk]), {"view": "kanban"})
    assert f'data-verify-form="{task.pk}"' in page.content.decode()
    response = client.post(reverse("work:task_verify", args=[crm.pk, task.pk]), {"next": "kanban"})
    assert response["Location"] == reverse("work:board", args=[crm.pk]) + "?view=kanban"
    task.refresh_from_db()
    assert task.status == Task.Status.VERIFIED


def test_no_move_is_offered_on_another_departments_claim(client, demo, crm):
    other = demo_task(crm, "credit_limit_rule")  # Finance's claim
    client.force_login(demo["ceo"])  # sees every department, verifies none
    page = client.get(reverse("work:board", args=[crm.pk]), {"view": "kanban"})
    assert f'data-verify-form="{other.pk}"' not in page.content.decode()


def test_the_kanban_shows_every_matching_task_not_a_page(client, demo, crm):
    add_tasks(crm, demo["member1"], 60)
    client.force_login(demo["sales.manager"])
    response = client.get(reverse("work:board", args=[crm.pk]), {"view": "kanban"})
    sales = Task.objects.filter(rollout=crm, department=demo["member1"].department)
    shown = sum(len(cards) for _status, _label, cards in response.context["columns"])
    assert shown == sales.count() > PER_PAGE
    assert 'id="kanban-capped"' not in response.content.decode()


def test_the_kanban_says_how_many_it_leaves_out(client, demo, crm):
    add_tasks(crm, demo["member1"], KANBAN_MOST + 5)
    client.force_login(demo["sales.manager"])
    response = client.get(reverse("work:board", args=[crm.pk]), {"view": "kanban"})
    total = Task.objects.filter(rollout=crm, department=demo["member1"].department).count()
    assert len(response.context["tasks"]) == KANBAN_MOST
    assert (
        f"Showing {KANBAN_MOST} of {total} tasks: narrow the filters to see the others."
        in response.content.decode()
    )


def test_the_kanban_runs_the_same_queries_for_10_and_200_tasks(client, demo, crm):
    client.force_login(demo["sales.manager"])
    url = reverse("work:board", args=[crm.pk]) + "?view=kanban"
    cached_queries_at_10_and_200_tasks(
        client, crm, demo["member1"], url, fresh=KANBAN_QUERIES, cached=KANBAN_CACHED_QUERIES
    )
