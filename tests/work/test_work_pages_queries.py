"""The work pages run a fixed number of queries as tasks and logs grow (10 vs 200 rows)."""

import pytest
from django.urls import reverse

from tests.query_counts import get_page
from tests.work.work_data import (
    add_tasks,
    cached_queries_at_10_and_200_tasks,
    same_queries_at_10_and_200_tasks,
)
from work.views.board import PER_PAGE
from work.views.progress import LISTED

pytestmark = pytest.mark.django_db

PAGES = [
    ("member1", "work:quality_reviews", 11),
    # A reviewer is let in by their permission, without asking whether they are a member.
    ("sales.manager", "work:quality_reviews", 17),
    # + which objectives and workstreams the person may edit, the plan's filtered tasks and
    # the implementation approach the executive decided
    ("ceo", "work:plan", 21),
]
# + the history of changes, the thread's comments and people, My work's count in the bar
TASK_PAGE_QUERIES = 22


@pytest.mark.parametrize(("username", "page", "expected"), PAGES)
def test_the_query_count_is_the_same_for_10_and_200_tasks(
    client, demo, crm, username, page, expected
):
    client.force_login(demo[username])
    url = reverse(page, args=[crm.pk])
    same_queries_at_10_and_200_tasks(client, crm, demo["member1"], url, expected, logs_each=2)


# The progress page's figures come from the page cache (work/progress_figures.py): counted
# computed, after a write, with the data version that keys them, and read from the cache.
PROGRESS_QUERIES = 17
PROGRESS_CACHED_QUERIES = 7


# The board's counts and its page of tasks come from the page cache (work/board_figures.py):
# computed, the page's queries and the data version; cached, without the count, the page of
# tasks and their assignees (13 queries before the cache).
BOARD_QUERIES = 14
BOARD_CACHED_QUERIES = 11


# My tasks' list comes from the page cache (work/my_tasks_figures.py): computed, the page's
# queries and the data version; cached, without the tasks and their assignees (10 queries
# before the cache).
MY_TASKS_QUERIES = 11
MY_TASKS_CACHED_QUERIES = 9


@pytest.mark.parametrize(
    ("username", "page", "fresh", "cached"),
    [
        ("ceo", "work:progress", PROGRESS_QUERIES, PROGRESS_CACHED_QUERIES),
        ("sales.manager", "work:board", BOARD_QUERIES, BOARD_CACHED_QUERIES),
        ("ceo", "work:board", BOARD_QUERIES, BOARD_CACHED_QUERIES),
        ("member1", "work:my_tasks", MY_TASKS_QUERIES, MY_TASKS_CACHED_QUERIES),
    ],
)
def test_a_cached_page_keeps_its_query_count_computed_and_cached(
    client, demo, crm, username, page, fresh, cached
):
    client.force_login(demo[username])
    url = reverse(page, args=[crm.pk])
    cached_queries_at_10_and_200_tasks(
        client, crm, demo["member1"], url, fresh=fresh, cached=cached
    )


def test_the_task_page_is_the_same_for_2_and_40_logs(client, demo, crm):
    task = add_tasks(crm, demo["member1"], 1, logs_each=2)[0]
    url = reverse("work:task_detail", args=[crm.pk, task.pk])
    client.force_login(demo["member1"])
    get_page(client, url, TASK_PAGE_QUERIES)
    from work.models import TaskLog

    TaskLog.objects.bulk_create(
        TaskLog(task=task, member=demo["member1"], work_date=log.work_date, hours=1, progress=5)
        for log in list(TaskLog.objects.filter(task=task)) * 19
    )
    get_page(client, url, TASK_PAGE_QUERIES)


def test_the_board_shows_a_page_of_tasks_claims_first(client, demo, crm):
    add_tasks(crm, demo["member1"], 120)
    client.force_login(demo["sales.manager"])
    response = client.get(reverse("work:board", args=[crm.pk]))
    tasks = response.context["tasks"]
    assert len(tasks) == PER_PAGE
    assert tasks[0].status == "claimed"
    assert response.context["page"].paginator.num_pages > 1


def test_the_progress_page_lists_the_first_overdue_tasks_and_counts_them_all(client, demo, crm):
    add_tasks(crm, demo["member1"], 120)
    client.force_login(demo["ceo"])
    response = client.get(reverse("work:progress", args=[crm.pk]))
    assert len(response.context["late"].overdue) == LISTED
    assert response.context["late"].overdue_count > LISTED


def test_the_boards_counts_match_its_pages(client, demo, crm):
    from work.models import Task

    add_tasks(crm, demo["member1"], 60)
    client.force_login(demo["sales.manager"])
    response = client.get(reverse("work:board", args=[crm.pk]))
    sales = demo["sales.manager"].department_id
    mine = Task.objects.filter(rollout=crm, department_id=sales)
    paginator = response.context["page"].paginator
    assert paginator.count == mine.count()
    assert paginator.num_pages == -(-mine.count() // PER_PAGE)
    assert response.context["claims_count"] == mine.filter(status="claimed").count()
    last = client.get(reverse("work:board", args=[crm.pk]), {"page": paginator.num_pages})
    assert len(last.context["tasks"]) == mine.count() - PER_PAGE * (paginator.num_pages - 1)
