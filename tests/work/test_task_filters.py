"""Filters and sort of the task lists (work.task_filters, the selectors and the pages): each
filter narrows, sorts order, a value that is not a choice is ignored with a message."""

from datetime import timedelta

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from demo.keys import demo_task, demo_workstream
from roles.models import Department
from roles.selectors import departments_of_rollout, members_of_rollout
from work import selectors
from work.models import Task
from work.task_filters import TaskFilter, TaskFilterForm, task_filter

pytestmark = pytest.mark.django_db


def filter_of(crm, query: str) -> TaskFilter:
    form = TaskFilterForm(
        QueryDict(query),
        departments=list(departments_of_rollout(rollout=crm)),
        members=list(members_of_rollout(rollout=crm)),
        workstreams=list(selectors.workstreams_of_rollout(rollout=crm)),
    )
    return task_filter(form)


def titles(crm, query: str) -> list[str]:
    return [t.title for t in selectors.planned_tasks(rollout=crm, filters=filter_of(crm, query))]


def test_it_filters_by_department(crm):
    sales = Department.objects.get(code="sales")
    found = selectors.planned_tasks(rollout=crm, filters=filter_of(crm, f"department={sales.pk}"))
    assert {t.department_id for t in found} == {sales.pk}


def test_it_filters_by_assignee(demo, crm):
    found = titles(crm, f"assignee={demo['member4'].pk}")
    assert found == [demo_task(crm, "erp_interface").title]


def test_it_filters_by_status(crm):
    claims = {demo_task(crm, "credit_limit_rule").title, demo_task(crm, "cleanup_batch1").title}
    assert set(titles(crm, "status=claimed")) == claims


def test_it_filters_by_workstream(crm):
    reports = demo_workstream(crm, "reports")
    assert titles(crm, f"workstream={reports.pk}") == [demo_task(crm, "monthly_sales_report").title]


def test_it_filters_core_work_in_or_out(crm):
    core = selectors.planned_tasks(rollout=crm, filters=filter_of(crm, "core=yes"))
    not_core = selectors.planned_tasks(rollout=crm, filters=filter_of(crm, "core=no"))
    assert {t.workstream.is_core for t in core} == {True}
    assert {t.workstream.is_core for t in not_core} == {False}


def test_overdue_is_unfinished_work_past_its_date(crm):
    found = selectors.planned_tasks(rollout=crm, filters=filter_of(crm, "overdue=on"))
    today = timezone.localdate()
    # service_categories is past its date too, but verified: not overdue.
    assert [t.title for t in found] == [demo_task(crm, "single_sign_on").title]
    assert all(t.due_date < today and t.status != "verified" for t in found)


@pytest.mark.parametrize(
    ("sort", "key", "reverse"),
    [
        ("due", lambda t: t.due_date, False),
        ("-due", lambda t: t.due_date, True),
        ("priority", lambda t: t.priority, True),
        ("title", lambda t: t.title, False),
    ],
)
def test_it_sorts(crm, sort, key, reverse):
    found = list(selectors.planned_tasks(rollout=crm, filters=filter_of(crm, f"sort={sort}")))
    assert [key(t) for t in found] == sorted((key(t) for t in found), reverse=reverse)


def test_the_status_sort_follows_the_work_from_open_to_verified(crm):
    found = list(selectors.planned_tasks(rollout=crm, filters=filter_of(crm, "sort=status")))
    assert found[0].status == "open"
    assert found[-1].status == "verified"


def test_a_value_that_is_no_choice_is_ignored_and_named(crm, pilot_task):
    filters = filter_of(crm, f"status=lost&workstream={pilot_task.workstream_id}&sort=x&core=yes")
    assert (filters.status, filters.workstream, filters.sort) == ("", None, "")
    assert filters.core == "yes"  # the valid one still applies
    assert set(filters.ignored) == {"Status", "Workstream", "Sort by"}


def test_the_board_keeps_its_filter_in_the_url_and_refuses_another_rollouts_department(
    client, demo, crm
):
    client.force_login(demo["sales.manager"])
    url = reverse("work:board", args=[crm.pk])
    it = Department.objects.get(code="it")
    response = client.get(url, {"status": "open", "department": it.pk})
    # IT is not the Sales manager's: ignored (named), and only Sales' open tasks shown.
    assert response.status_code == 200
    assert response.context["filters"].ignored == ["Department"]
    assert {t.status for t in response.context["tasks"]} == {"open"}
    assert {t.department_id for t in response.context["tasks"]} == {demo["member1"].department_id}
    assert f'href="/rollouts/{crm.pk}/board/?status=open' in response.content.decode()


def test_my_tasks_filter_by_status(client, demo, crm):
    client.force_login(demo["member1"])
    response = client.get(reverse("work:my_tasks", args=[crm.pk]), {"status": "in_progress"})
    assert [t.title for t in response.context["tasks"]] == [demo_task(crm, "train_sales").title]


def test_my_tasks_say_when_no_task_matches(client, demo, crm):
    client.force_login(demo["member1"])
    reports = demo_workstream(crm, "reports")  # Finance's: none of member1's
    response = client.get(reverse("work:my_tasks", args=[crm.pk]), {"workstream": reports.pk})
    assert "No task matches these filters." in response.content.decode()


def test_the_plan_lists_the_filtered_tasks(client, demo, crm):
    client.force_login(demo["ceo"])
    response = client.get(reverse("work:plan", args=[crm.pk]), {"sort": "title", "core": "no"})
    listed = [t.title for t in response.context["tasks"]]
    assert listed == sorted(listed)
    assert listed and all(not Task.objects.get(title=t).workstream.is_core for t in listed)


def test_the_board_sorts_by_due_date_when_asked(client, demo, crm):
    Task.objects.filter(rollout=crm).update(due_date=timezone.localdate() + timedelta(days=3))
    first = demo_task(crm, "customer_fields")
    Task.objects.filter(pk=first.pk).update(due_date=timezone.localdate() - timedelta(days=30))
    client.force_login(demo["ceo"])
    response = client.get(reverse("work:board", args=[crm.pk]), {"sort": "due"})
    assert response.context["tasks"][0].pk == first.pk
