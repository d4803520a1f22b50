"""The work pages run a fixed number of queries as tasks and logs grow (10 vs 200 rows)."""

import pytest
from django.urls import reverse

from tests.query_counts import get_cached_page, get_page
from tests.work.work_data import add_tasks
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
    url = reverse(page, args=[crm.pk])
    client.force_login(demo[username])
    add_tasks(crm, demo["member1"], 10, logs_each=2)
    get_page(client, url, expected)
    add_tasks(crm, demo["member1"], 190, logs_each=2)
    get_page(client, url, expected)


# The progress page's figures come from the page cache (work/progress_figures.py): counted
# computed, after a write, with the data version that keys them, and read from the cache.
PROGRESS_QUERIES = 17
PROGRESS_CACHED_QUERIES = 7


def test_the_progress_page_keeps_its_query_count_computed_and_cached(client, demo, crm):
    url = reverse("work:progress", args=[crm.pk])
    client.force_login(demo["ceo"])
    counts = {"fresh": PROGRESS_QUERIES, "cached": PROGRESS_CACHED_QUERIES}
    add_tasks(crm, demo["member1"], 10, logs_each=2)
    get_cached_page(client, url, rollout_id=crm.pk, **counts)
    add_tasks(crm, demo["member1"], 190, logs_each=2)
    get_cached_page(client, url, rollout_id=crm.pk, **counts)


# The board's counts and its page of tasks come from the page cache (work/board_figures.py):
# computed, the page's queries and the data version; cached, without the count, the page of
# tasks and their assignees (13 queries before the cache).
BOARD_QUERIES = 14
BOARD_CACHED_QUERIES = 11


@pytest.mark.parametrize("username", ["sales.manager", "ceo"])
def test_the_board_keeps_its_query_count_computed_and_cached(client, demo, crm, username):
    url = reverse("work:board", args=[crm.pk])
    client.force_login(demo[username])
    counts = {"fresh": BOARD_QUERIES, "cached": BOARD_CACHED_QUERIES}
    add_tasks(crm, demo["member1"], 10, logs_each=2)
    get_cached_page(client, url, rollout_id=crm.pk, **counts)
    add_tasks(crm, demo["member1"], 190, logs_each=2)
    get_cached_page(client, url, rollout_id=crm.pk, **counts)


# My tasks' list comes from the page cache (work/my_tasks_figures.py): computed, the page's
# queries and the data version; cached, without the tasks and their assignees (10 queries
# before the cache).
MY_TASKS_QUERIES = 11
MY_TASKS_CACHED_QUERIES = 9


def test_my_tasks_keeps_its_query_count_computed_and_cached(client, demo, crm):
    url = reverse("work:my_tasks", args=[crm.pk])
    client.force_login(demo["member1"])
    counts = {"fresh": MY_TASKS_QUERIES, "cached": MY_TASKS_CACHED_QUERIES}
    add_tasks(crm, demo["member1"], 10, logs_each=2)
    get_cached_page(client, url, rollout_id=crm.pk, **counts)
    add_tasks(crm, demo["member1"], 190, logs_each=2)
    get_cached_page(client, url, rollout_id=crm.pk, **counts)


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
