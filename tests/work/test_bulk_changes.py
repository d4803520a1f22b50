"""work.bulk_services and the board's bulk form: reassign or re-date the selected tasks, all
or nothing, each change in the task's history."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from demo.keys import demo_task
from notifications.models import Notification
from tests.query_counts import exactly
from tests.work.bulk_data import bulk_post, ids, sales_pair
from tests.work.work_data import add_tasks
from work import bulk_services
from work.models import Task
from work.plan_changes import TaskChange
from work.services import WorkError

pytestmark = pytest.mark.django_db
NEW_DATE = date(2031, 5, 6)


@pytest.fixture
def sales_tasks(crm) -> list[Task]:
    return sales_pair(crm)


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


def test_the_previous_assignee_is_told_in_their_language(demo, crm, sales_tasks):
    bulk_services.tasks_reassign(
        by=demo["ceo"], rollout=crm, task_ids=ids(sales_tasks[:1]), assignee=demo["member6"]
    )
    bulk_services.tasks_reassign(
        by=demo["ceo"], rollout=crm, task_ids=ids(sales_tasks[:1]), assignee=demo["member2"]
    )
    english = "You are no longer assigned the task “%(task)s”; %(by)s changed it."
    with translation.override("zh-hans"):  # member6 reads Chinese
        expected = translation.gettext(english) % {"task": sales_tasks[0], "by": demo["ceo"]}
    assert Notification.objects.filter(recipient=demo["member6"], text=expected).exists()
    told = Notification.objects.filter(recipient=demo["member1"], text__contains="no longer")
    assert told.filter(text__contains=sales_tasks[0].title).exists()


def test_the_kept_assignees_are_told_the_new_date_and_the_audit_keeps_it(demo, crm, sales_tasks):
    old = sales_tasks[0].due_date
    bulk_services.tasks_redate(
        by=demo["ceo"], rollout=crm, task_ids=ids(sales_tasks), due_date=NEW_DATE
    )
    moved = f"The due date of your task “{sales_tasks[0].title}” moved from {old} to 2031-05-06."
    assert Notification.objects.filter(recipient=demo["member1"], text=moved).exists()
    version = Task.history.filter(id=sales_tasks[0].pk).latest("history_id")
    assert (version.due_date, version.history_user, version.history_type) == (
        NEW_DATE, demo["ceo"], "~",
    )  # fmt: skip


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


# A constraint the test adds for one task's change record: the database refuses the insert
# of the change records, after the tasks' own rows were updated.
REFUSE_ONE = "ALTER TABLE work_taskchange ADD CONSTRAINT test_refuses_one CHECK (task_id <> %s)"


@pytest.mark.django_db(transaction=True)  # no outer transaction: what is written stays
def test_a_write_that_fails_late_undoes_the_whole_batch(demo, crm, sales_tasks):
    with connection.cursor() as cursor:
        cursor.execute(REFUSE_ONE, [sales_tasks[-1].pk])
    try:
        with CaptureQueriesContext(connection) as done, pytest.raises(IntegrityError):
            bulk_services.tasks_redate(
                by=demo["ceo"], rollout=crm, task_ids=ids(sales_tasks), due_date=NEW_DATE
            )
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE work_taskchange DROP CONSTRAINT test_refuses_one")
    updated = [
        q["sql"] for q in done.captured_queries if q["sql"].startswith('UPDATE "rollout_task"')
    ]
    assert updated  # the tasks were written before the refusal...
    assert not Task.objects.filter(due_date=NEW_DATE).exists()  # and undone with it
    assert not Task.history.filter(due_date=NEW_DATE).exists()


@pytest.mark.parametrize("who", ["member1", "sel.senior"])
def test_it_refuses_whoever_does_not_plan(demo, crm, sales_tasks, who):
    with pytest.raises(WorkError, match="plan work"):
        bulk_services.tasks_redate(
            by=demo[who], rollout=crm, task_ids=ids(sales_tasks), due_date=NEW_DATE
        )


def test_it_refuses_no_selection(demo, crm):
    with pytest.raises(WorkError, match="Select at least one task"):
        bulk_services.tasks_redate(by=demo["ceo"], rollout=crm, task_ids=[], due_date=NEW_DATE)


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


REDATE = {"bulk-change": "redate", "bulk-due_date": "2031-05-06"}
# Reassigning asks whether the assignee is a member; re-dating writes history rows and
# withdraws the reminders about the old dates (a savepoint around it).
REASSIGN = {"bulk-change": "reassign"}
QUERIES = {"redate": 19, "reassign": 16}


@pytest.mark.parametrize("change", ["redate", "reassign"])
def test_a_bulk_change_runs_the_same_queries_for_10_and_200_tasks(client, demo, crm, change):
    """Locks, checks, one update, one insert each of change records, history rows and
    notifications, whatever the number of tasks."""
    tasks = [t for t in add_tasks(crm, demo["member1"], 265) if t.status != "verified"]
    data = REDATE if change == "redate" else {**REASSIGN, "bulk-assignee": demo["member2"].pk}
    client.force_login(demo["sales.manager"])
    bulk_post(client, crm, {"tasks": [tasks[-1].pk], **data})  # fills the first-use caches
    for chosen in (tasks[:10], tasks[10:210]):
        with exactly(QUERIES[change]):
            response = bulk_post(client, crm, {"tasks": ids(chosen), **data})
        assert [str(m) for m in get_messages(response.wsgi_request)][-1] == (
            f"{len(chosen)} tasks changed."
        )
