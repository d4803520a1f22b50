"""Search of a rollout (gates.selectors.search and its page): tasks, people and vendors, a
Chinese word inside longer text, only what the person may see."""

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from demo.keys import demo_task
from gates.selectors.search import LIMIT, search_rollout, search_text
from selection.models import Vendor

pytestmark = pytest.mark.django_db


def found(crm, query, *, with_vendors=True):
    return search_rollout(rollout=crm, query=search_text(query), with_vendors=with_vendors)


def test_it_finds_a_chinese_word_inside_longer_text(crm):
    # "确定客户字段" has no spaces: 客户 is no token of its own, yet it is found.
    titles = {t.title for t in found(crm, "客户").tasks}
    assert demo_task(crm, "customer_fields").title in titles
    assert demo_task(crm, "train_sales").title in titles


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full text is PostgreSQL's")
def test_it_finds_words_in_any_order_with_full_text(crm):
    assert [t.title for t in found(crm, "fields customer").tasks] == [
        demo_task(crm, "customer_fields").title
    ]


def test_it_finds_people_of_the_rollout_by_name(demo, crm):
    assert [p.username for p in found(crm, "刘洋").people] == ["member1"]


def test_it_does_not_find_people_outside_the_rollout(demo, crm):
    # pilot.member holds no role on the CRM.
    assert found(crm, demo["pilot.member"].display_name or "pilot.member").people == []


def test_it_does_not_find_another_rollouts_task(crm, pilot_task):
    assert found(crm, pilot_task.title).tasks == []


def test_it_finds_vendors_only_for_who_may_see_the_selection(crm):
    assert [v.name for v in found(crm, "快客").vendors] == ["QuickCRM · 快客CRM"]
    assert found(crm, "快客", with_vendors=False).vendors == []


def test_it_does_not_find_another_rollouts_vendor(crm, pilot_vendor):
    assert found(crm, pilot_vendor.name).vendors == []


def test_it_cuts_each_kind_and_says_there_is_more(crm):
    Vendor.objects.bulk_create(
        Vendor(rollout=crm, name=f"Many {n}", price_per_user_year=1, implementation_fee=1)
        for n in range(LIMIT + 1)
    )
    results = found(crm, "Many")
    assert (len(results.vendors), results.more["vendors"]) == (LIMIT, True)


@pytest.mark.parametrize("query", ["", "   ", "\x00", "'; DROP TABLE x; --", "a & | ! :*", "%_\\"])
def test_odd_text_is_searched_without_error(crm, query):
    found(crm, query)


def test_the_page_groups_the_results_with_links(client, demo, crm):
    client.force_login(demo["member1"])
    response = client.get(reverse("gates:search", args=[crm.pk]), {"q": "客户"})
    task = demo_task(crm, "customer_fields")
    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("work:task_detail", args=[crm.pk, task.pk]) in page
    assert 'id="found-tasks"' in page and 'id="found-people"' in page


def test_the_page_in_chinese(client, demo, crm):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    client.force_login(demo["finance.manager"])
    response = client.get(reverse("gates:search", args=[crm.pk]), {"q": "客户"})
    assert "“客户”的搜索结果" in response.content.decode()


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="the indexes are PostgreSQL's (the embedded SQLite has none)",
)
def test_the_search_is_served_by_indexes_of_its_own_expressions(crm):
    """The migration's indexes exist, and PostgreSQL takes the full-text and title ones for
    the very query the search sends (sequential scans off, so the plan shows whether the
    expressions match at all, whatever the table's size)."""
    from django.db.models import Q

    from gates.selectors.search import _matching
    from work.models import Task

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'rollout_task'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"task_search_text", "task_title_trgm", "task_description_trgm"} <= names
    rows = _matching(Task.objects.filter(Q()), "customer", "title", "description")
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "task_search_text" in plan and "task_title_trgm" in plan
