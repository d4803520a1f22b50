"""work.bulk_services and the board's bulk form: reassign or re-date the selected tasks, all
or nothing, each change in the task's history."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from demo.keys import demo_task
from notifications.models import Notification
from work import bulk_services
from work.models import Task
from work.plan_changes import TaskChange
from work.services import WorkError

pytestmark = pytest.mark.django_db
NEW_DATE = date(2031, 5, 6)


@pytest.fixture
def sales_tasks(crm) -> list[Task]:
    """Two unfinished Sales tasks (member1's)."""
    return [demo_task(crm, "customer_fields"), demo_task(crm, "train_sales")]


def ids(tasks):
    return [t.pk for t in tasks]


def test_it_redates_every_selected_task_and_records_each_change(demo, crm, sales_tasks):
    count = bulk_services.tasks_redate(
        by=demo["sales.manager"], rollout=crm, task_ids=ids(sales_tasks), due_date=NEW_DATE
    )
    assert count == 2
    assert {t.due_date for t in Task.objects.filter(pk__in=ids(sales_tasks))} == {NEW_DATE}
    change = TaskChange.objects.get(task=sales_tasks[0], field="due_date")
    assert (change.changed_by, change.after) == (demo["sales.manager"], "2031-05-06")


def test_it_reassigns_every_selected_task_to_one_member(demo, crm, sales_tasks):
    bulk_services.tasks_reassign(
        by=demo["ceo"], rollout=crm, task_ids=ids(sales_tasks), assignee=demo["member2"]
    )
    for task in sales_tasks:
        assert list(task.assignees.all()) == [demo["member2"]]
    change = TaskChange.objects.get(task=sales_tasks[1], field="assignees")
    assert change.changed_by == demo["ceo"]
    assert demo["member1"].username in change.before
    assert change.after == f"{demo['member2']} ({demo['member2'].username})"


def test_the_new_assignee_is_told(demo, crm, sales_tasks):
    bulk_services.tasks_reassign(
        by=demo["ceo"], rollout=crm, task_ids=ids(sales_tasks), assignee=demo["member2"]
    )
    told = Notification.objects.filter(recipient=demo["member2"])
    assert told.filter(text__contains=sales_tasks[0].title).exists()


def test_it_changes_nothing_when_one_task_is_not_the_managers(demo, crm, sales_tasks):
    it_task = demo_task(crm, "single_sign_on")
    with pytest.raises(WorkError, match="Set up single sign-on"):
        bulk_services.tasks_redate(
            by=demo["sales.manager"],
            rollout=crm,
            task_ids=[*ids(sales_tasks), it_task.pk],
            due_date=NEW_DATE,
        )
    assert not Task.objects.filter(due_date=NEW_DATE).exists()


def test_it_refuses_an_assignee_who_is_not_a_member(demo, crm, sales_tasks):
    with pytest.raises(WorkError, match="Not implementation members"):
        bulk_services.tasks_reassign(
            by=demo["ceo"], rollout=crm, task_ids=ids(sales_tasks), assignee=demo["sel.it"]
        )
    assert list(sales_tasks[0].assignees.all()) == [demo["member1"]]


def test_it_refuses_a_task_of_another_rollout(demo, crm, sales_tasks, pilot_task):
    with pytest.raises(WorkError, match="not tasks of this rollout"):
        bulk_services.tasks_redate(
            by=demo["ceo"], rollout=crm, task_ids=[sales_tasks[0].pk, pilot_task.pk],
            due_date=NEW_DATE,
        )  # fmt: skip
    assert not Task.objects.filter(due_date=NEW_DATE).exists()


def test_it_refuses_a_verified_task(demo, crm, sales_tasks):
    done = demo_task(crm, "service_categories")
    with pytest.raises(WorkError, match="Verified tasks"):
        bulk_services.tasks_redate(
            by=demo["ceo"], rollout=crm, task_ids=[*ids(sales_tasks), done.pk], due_date=NEW_DATE
        )
    assert not Task.objects.filter(due_date=NEW_DATE).exists()


@pytest.mark.parametrize("who", ["member1", "sel.senior"])
def test_it_refuses_whoever_does_not_plan(demo, crm, sales_tasks, who):
    with pytest.raises(WorkError, match="plan work"):
        bulk_services.tasks_redate(
            by=demo[who], rollout=crm, task_ids=ids(sales_tasks), due_date=NEW_DATE
        )


def test_it_refuses_no_selection(demo, crm):
    with pytest.raises(WorkError, match="Select at least one task"):
        bulk_services.tasks_redate(by=demo["ceo"], rollout=crm, task_ids=[], due_date=NEW_DATE)


def bulk_post(client, crm, data):
    return client.post(reverse("work:tasks_bulk", args=[crm.pk]), data)


def test_the_board_form_redates_and_says_how_many(client, demo, crm, sales_tasks):
    client.force_login(demo["sales.manager"])
    response = bulk_post(
        client,
        crm,
        {"tasks": ids(sales_tasks), "bulk-change": "redate", "bulk-due_date": "2031-05-06",
         "back": "?status=open&evil=1"},
    )  # fmt: skip
    assert response["Location"] == reverse("work:board", args=[crm.pk]) + "?status=open"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["2 tasks changed."]
    assert Task.objects.filter(due_date=NEW_DATE).count() == 2


def test_the_board_form_refuses_a_reassignment_without_a_member(client, demo, crm, sales_tasks):
    client.force_login(demo["sales.manager"])
    response = bulk_post(client, crm, {"tasks": ids(sales_tasks), "bulk-change": "reassign"})
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Choose the member the tasks go to."
    ]


def test_the_board_form_refuses_an_id_that_is_no_id(client, demo, crm, sales_tasks):
    client.force_login(demo["sales.manager"])
    response = bulk_post(
        client, crm, {"tasks": ["²"], "bulk-change": "redate", "bulk-due_date": "2031-05-06"}
    )
    assert response.status_code == 302
    assert not Task.objects.filter(due_date=NEW_DATE).exists()


def test_the_board_offers_the_bulk_form_to_planners_only(client, demo, crm):
    client.force_login(demo["sales.manager"])
    table = client.get(reverse("work:board", args=[crm.pk]))
    kanban = client.get(reverse("work:board", args=[crm.pk]), {"view": "kanban"})
    assert table.context["bulk_form"] is not None
    assert kanban.context["bulk_form"] is None
