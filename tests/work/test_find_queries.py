"""The search page and the filtered task lists run a fixed number of queries as the tasks
grow (10 vs 200 rows)."""

import pytest
from django.urls import reverse

from tests.query_counts import get_cached_page, get_page
from tests.work.test_work_pages_queries import (
    BOARD_CACHED_QUERIES,
    BOARD_QUERIES,
    MY_TASKS_CACHED_QUERIES,
    MY_TASKS_QUERIES,
)
from tests.work.work_data import add_tasks

pytestmark = pytest.mark.django_db

FILTERED = "?status=open&overdue=on&sort=title"  # some of add_tasks' tasks
# The board from the page cache (work/board_figures.py): computed, then cached.
BOARD = (BOARD_QUERIES, BOARD_CACHED_QUERIES)
# My tasks from the page cache (work/my_tasks_figures.py): computed, then cached.
MY_TASKS = (MY_TASKS_QUERIES, MY_TASKS_CACHED_QUERIES)
PAGES: list[tuple[str, str, str, int | tuple[int, int]]] = [
    ("member1", "gates:search", "?q=Bulk", 9),
    ("ceo", "gates:search", "?q=%E5%AE%A2%E6%88%B7", 9),  # 客户
    ("sales.manager", "work:board", FILTERED, BOARD),
    ("ceo", "work:board", FILTERED + "&department={sales}", BOARD),
    ("sales.manager", "work:board", "?view=kanban&sort=status", BOARD),
    ("member1", "work:my_tasks", FILTERED, MY_TASKS),
    (
        "ceo",
        "work:plan",
        FILTERED + "&assignee={member1}",
        21,
    ),  # + which objectives and workstreams the ceo may edit, the approach decided
]


@pytest.mark.parametrize(("username", "page", "query", "expected"), PAGES)
def test_the_query_count_is_the_same_for_10_and_200_tasks(
    client, demo, crm, username, page, query, expected
):
    member1 = demo["member1"]
    query = query.format(member1=member1.pk, sales=member1.department_id)
    url = reverse(page, args=[crm.pk]) + query
    client.force_login(demo[username])
    add_tasks(crm, demo["member1"], 10, logs_each=2)
    shown = client.get(url).context
    assert len(shown["tasks"] if "tasks" in shown else shown["results"].tasks) > 1  # rows, not none
    _get(client, url, crm.pk, expected)
    add_tasks(crm, demo["member1"], 190, logs_each=2)
    _get(client, url, crm.pk, expected)


def _get(client, url: str, rollout_id: int, expected: int | tuple[int, int]) -> None:
    if isinstance(expected, tuple):
        fresh, cached = expected
        get_cached_page(client, url, rollout_id=rollout_id, fresh=fresh, cached=cached)
    else:
        get_page(client, url, expected)
