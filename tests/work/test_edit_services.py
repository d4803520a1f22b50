"""work.edit_services: editing a task, an objective or a workstream - who may, what is
refused and why, all-or-nothing, the refusal of an edit made on an outdated form, the
history rows, and what the assignees are told."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone, translation

from demo.keys import demo_task, demo_workstream
from notifications.models import Notification, Reminder
from notifications.reminder_keys import TaskDueKey
from notifications.services.reminders import reminder_put
from roles.models import Department
from work import services as work
from work.edit_services import (
    EditConflict,
    objective_update,
    objective_version,
    task_update,
    task_version,
    workstream_update,
    workstream_version,
)
from work.history_selectors import objective_history, task_history, workstream_history
from work.models import Objective, Task, TaskChange, Workstream
from work.services import WorkError

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def task(crm) -> Task:
    """Define the customer fields: open, Sales, assigned to member1, due in 10 days."""
    return demo_task(crm, "customer_fields")


@pytest.fixture
def sales_objective(crm) -> Objective:
    return Objective.objects.get(rollout=crm, department__code="sales")


def department(code: str) -> Department:
    return Department.objects.get(code=code)


def history(task: Task) -> list[tuple[str, str, str]]:
    return [(c.field, c.before, c.after) for c in task_history(task)]


# --- tasks ---------------------------------------------------------------------------


def test_it_reassigns_and_re_dates_a_task_and_keeps_each_change(demo, task):
    due = task.due_date + timedelta(days=7)
    task_update(
        by=demo["sales.manager"],
        task=task,
        changes={"assignees": [demo["member2"]], "due_date": due},
    )
    task.refresh_from_db()
    assert (list(task.assignees.all()), task.due_date) == ([demo["member2"]], due)
    assert history(task) == [
        ("assignees", "Liu Yang (刘洋) (member1)", "Zhao Min (赵敏) (member2)"),
        ("due_date", str(due - timedelta(days=7)), str(due)),
    ]


def test_a_change_row_says_who_and_when(demo, task):
    before = timezone.now()
    task_update(by=demo["ceo"], task=task, changes={"priority": Task.Priority.HIGH})
    change = TaskChange.objects.get(task=task)
    assert (change.changed_by, change.rollout_id) == (demo["ceo"], task.rollout_id)
    assert change.changed_at >= before


def test_a_change_reads_in_the_readers_language(demo, task):
    task_update(by=demo["ceo"], task=task, changes={"priority": Task.Priority.CRITICAL})
    change = TaskChange.objects.get(task=task)
    with translation.override("zh-hans"):
        read = (change.field_label, change.before_text, change.after_text)
    assert read == ("优先级", "普通", "紧急")


def test_nothing_is_written_when_nothing_changes(demo, task):
    rows = task_update(by=demo["ceo"], task=task, changes={"title": f"  {task.title} "})
    assert (rows, history(task)) == ([], [])


def test_it_saves_on_a_form_opened_on_the_current_values(demo, task):
    version = task_version(task)
    task_update(by=demo["ceo"], task=task, changes={"title": "Fields"}, version=version)
    assert Task.objects.get(pk=task.pk).title == "Fields"


def test_it_refuses_an_edit_made_on_a_form_opened_before_another_save(demo, task):
    opened = task_version(task)
    task_update(by=demo["sales.manager"], task=task, changes={"estimate_hours": Decimal("12")})
    with pytest.raises(EditConflict, match="changed by someone else"):
        task_update(by=demo["ceo"], task=task, changes={"title": "Fields"}, version=opened)
    assert Task.objects.get(pk=task.pk).title != "Fields"
    assert [field for field, *_ in history(task)] == ["estimate_hours"]


def test_an_empty_version_counts_as_outdated(demo, task):
    with pytest.raises(EditConflict):
        task_update(by=demo["ceo"], task=task, changes={"title": "Fields"}, version="")


def test_it_is_all_or_nothing(demo, task, pilot):
    with pytest.raises(WorkError, match="Not implementation members"):
        task_update(
            by=demo["ceo"],
            task=task,
            changes={"title": "Fields", "assignees": [demo["pilot.member"]]},
        )
    task.refresh_from_db()
    assert (task.title, history(task)) == (demo_task(task.rollout, "customer_fields").title, [])


def test_it_refuses_a_task_with_nobody_assigned(demo, task):
    with pytest.raises(WorkError, match="at least one implementation member"):
        task_update(by=demo["ceo"], task=task, changes={"assignees": []})


def test_it_refuses_an_empty_title(demo, task):
    with pytest.raises(WorkError, match="Give the task a title"):
        task_update(by=demo["ceo"], task=task, changes={"title": "   "})


@pytest.mark.parametrize("hours", ["0", "-2"])
def test_it_refuses_an_estimate_that_is_not_positive(demo, task, hours):
    with pytest.raises(WorkError, match="more than 0 hours"):
        task_update(by=demo["ceo"], task=task, changes={"estimate_hours": Decimal(hours)})


def test_it_refuses_an_objective_of_another_department(demo, crm, task):
    it_objective = Objective.objects.get(rollout=crm, department__code="it")
    with pytest.raises(WorkError, match="another department"):
        task_update(by=demo["ceo"], task=task, changes={"objective": it_objective})


def test_it_moves_a_task_with_its_objective_to_another_department(demo, crm, task):
    it_objective = Objective.objects.get(rollout=crm, department__code="it")
    changes = {"department": department("it"), "objective": it_objective}
    task_update(by=demo["ceo"], task=task, changes=changes)  # type: ignore[arg-type]
    assert [field for field, *_ in history(task)] == ["department", "objective"]


def test_it_refuses_another_rollouts_workstream_objective_and_task(demo, task, pilot_task):
    for changes, refusal in [
        ({"workstream": pilot_task.workstream}, "workstream belongs to another rollout"),
        ({"blocked_by": [pilot_task]}, "tasks of the same rollout"),
    ]:
        with pytest.raises(WorkError, match=refusal):
            task_update(by=demo["ceo"], task=task, changes=changes)  # type: ignore[arg-type]
    pilot_objective = Objective.objects.create(
        rollout=pilot_task.rollout, department=task.department, title="Pilot", target="t",
        due_date=TODAY(), created_by=demo["pilot.lead"],
    )  # fmt: skip
    with pytest.raises(WorkError, match="objective belongs to another rollout"):
        task_update(by=demo["ceo"], task=task, changes={"objective": pilot_objective})


def test_it_refuses_a_dependency_that_makes_a_cycle(demo, crm):
    batch1 = demo_task(crm, "cleanup_batch1")
    batch2 = demo_task(crm, "cleanup_batch2")  # waits for batch 1
    with pytest.raises(WorkError, match="cycle"):
        task_update(by=demo["ceo"], task=batch1, changes={"blocked_by": [batch2]})
    with pytest.raises(WorkError, match="cycle"):
        task_update(by=demo["ceo"], task=batch1, changes={"blocked_by": [batch1]})


def test_it_replaces_what_a_task_waits_for(demo, crm):
    batch2 = demo_task(crm, "cleanup_batch2")
    fields = demo_task(crm, "customer_fields")
    task_update(by=demo["ceo"], task=batch2, changes={"blocked_by": [fields]})
    assert list(batch2.blocked_by.all()) == [fields]
    assert history(batch2)[-1] == (
        "blocked_by",
        demo_task(crm, "cleanup_batch1").title,
        fields.title,
    )


def test_adding_a_dependency_from_the_task_page_is_kept_in_the_history(demo, crm, task):
    batch2 = demo_task(crm, "cleanup_batch2")
    work.task_dependency_add(by=demo["ceo"], task=task, blocker=batch2)
    assert history(task) == [("blocked_by", "", batch2.title)]


def test_a_manager_edits_only_their_departments_tasks(demo, task):
    with pytest.raises(WorkError, match="department you manage"):
        task_update(by=demo["it.manager"], task=task, changes={"title": "Fields"})


def test_a_manager_cannot_move_a_task_to_a_department_they_do_not_manage(demo, task):
    changes = {"department": department("it"), "objective": None}
    with pytest.raises(WorkError, match="department you manage"):
        task_update(by=demo["sales.manager"], task=task, changes=changes)  # type: ignore[arg-type]


def test_a_verified_task_is_not_edited(demo, crm):
    done = demo_task(crm, "service_categories")  # verified done
    with pytest.raises(WorkError, match="Verified tasks are done and are not changed"):
        task_update(by=demo["ceo"], task=done, changes={"due_date": done.due_date + timedelta(1)})
    assert history(done) == []


def test_a_verified_task_is_made_to_wait_for_nothing(demo, crm, task):
    done = demo_task(crm, "service_categories")  # verified done
    with pytest.raises(WorkError, match="Verified tasks are done and are not changed"):
        work.task_dependency_add(by=demo["ceo"], task=done, blocker=task)
    assert list(done.blocked_by.all()) == []


def test_a_verified_tasks_page_offers_no_edit(client, demo, crm):
    done = demo_task(crm, "service_categories")
    client.force_login(demo["ceo"])
    page = client.get(reverse("work:task_detail", args=[crm.pk, done.pk]))
    assert page.context["can_plan"] is False
    assert reverse("work:task_edit", args=[crm.pk, done.pk]) not in page.content.decode()


def test_a_member_cannot_edit_a_task(demo, task):
    with pytest.raises(WorkError, match="Only the executive and middle managers"):
        task_update(by=demo["member1"], task=task, changes={"title": "Mine now"})


# --- what the assignees are told -----------------------------------------------------


@pytest.fixture
def notices(demo):
    """What a person was told since the test began (the demo has told them other things)."""
    last = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def told(person) -> list[str]:
        new = Notification.objects.filter(recipient=person, pk__gt=last)
        return list(new.values_list("text", flat=True))

    return told


def test_the_new_assignee_is_told_in_their_language(demo, task, notices):
    member6 = demo["member6"]  # reads Chinese
    task_update(by=demo["ceo"], task=task, changes={"assignees": [demo["member1"], member6]})
    english = "You are now assigned the task “%(task)s”, due on %(due)s."
    with translation.override("zh-hans"):
        expected = translation.gettext(english)
    assert expected != english
    assert notices(member6) == [expected % {"task": task.title, "due": task.due_date}]
    assert notices(demo["member1"]) == []  # already assigned: nothing new to tell


def test_the_removed_assignee_is_told_in_their_language(demo, task, notices):
    member6 = demo["member6"]  # reads Chinese
    task_update(by=demo["ceo"], task=task, changes={"assignees": [member6]})
    task_update(by=demo["ceo"], task=task, changes={"assignees": [demo["member1"]]})
    english = "You are no longer assigned the task “%(task)s”; %(by)s changed it."
    with translation.override("zh-hans"):
        expected = translation.gettext(english)
    assert expected != english
    assert expected % {"task": task.title, "by": demo["ceo"]} in notices(member6)
    assert english % {"task": task.title, "by": demo["ceo"]} in notices(demo["member1"])


def test_the_kept_assignees_are_told_the_new_due_date(demo, task, notices):
    old, new = task.due_date, task.due_date + timedelta(days=3)
    task_update(by=demo["ceo"], task=task, changes={"due_date": new})
    assert notices(demo["member1"]) == [
        f"The due date of your task “{task.title}” moved from {old} to {new}."
    ]


def test_re_dating_withdraws_the_reminders_about_the_old_date(demo, task):
    reminder_put(
        key=TaskDueKey(task_id=task.pk, person_id=demo["member1"].pk),
        recipient=demo["member1"], rollout=task.rollout, url="/", params={},
    )  # fmt: skip
    task_update(by=demo["ceo"], task=task, changes={"due_date": task.due_date + timedelta(1)})
    assert not Reminder.objects.filter(key__startswith=f"task_due:{task.pk}:").exists()


def test_an_edit_of_other_fields_tells_nobody(demo, task, notices):
    task_update(by=demo["ceo"], task=task, changes={"description": "With the sales team."})
    assert notices(demo["member1"]) == []


# --- objectives ----------------------------------------------------------------------


def test_it_edits_an_objective_and_keeps_each_change(demo, sales_objective):
    due = sales_objective.due_date + timedelta(days=14)
    changes = {"target": "1,500 records cleaned", "due_date": due}
    objective_update(by=demo["sales.manager"], objective=sales_objective, changes=changes)  # type: ignore[arg-type]
    assert [(c.field, c.after) for c in objective_history(sales_objective)] == [
        ("target", "1,500 records cleaned"),
        ("due_date", str(due)),
    ]


def test_it_refuses_a_title_another_objective_has(demo, crm, sales_objective):
    taken = Objective.objects.get(rollout=crm, department__code="it").title
    with pytest.raises(WorkError, match="already has an objective with that title"):
        objective_update(by=demo["ceo"], objective=sales_objective, changes={"title": taken})


def test_it_refuses_to_move_an_objective_away_from_its_tasks(demo, sales_objective):
    with pytest.raises(WorkError, match="give them another objective"):
        objective_update(
            by=demo["ceo"], objective=sales_objective, changes={"department": department("it")}
        )


def test_it_refuses_an_objective_edit_on_an_outdated_form(demo, sales_objective):
    opened = objective_version(sales_objective)
    objective_update(by=demo["ceo"], objective=sales_objective, changes={"target": "More"})
    with pytest.raises(EditConflict):
        objective_update(
            by=demo["sales.manager"], objective=sales_objective,
            changes={"target": "Less"}, version=opened,
        )  # fmt: skip


def test_a_manager_edits_only_their_departments_objectives(demo, sales_objective):
    with pytest.raises(WorkError, match="department you manage"):
        objective_update(by=demo["it.manager"], objective=sales_objective, changes={"title": "X"})


# --- workstreams ---------------------------------------------------------------------


def test_the_executive_edits_a_workstream_and_each_change_is_kept(demo, crm):
    workstream = demo_workstream(crm, "after_sales")
    version = workstream_version(workstream)
    changes = {"is_core": True, "departments": [department("sales")]}
    workstream_update(by=demo["ceo"], workstream=workstream, changes=changes, version=version)  # type: ignore[arg-type]
    rows = list(workstream_history(workstream))
    assert [(c.field, c.before_text, c.after_text) for c in rows] == [
        ("is_core", "No", "Yes"),
        ("departments", "Production · 生产部, Sales · 销售部", "Sales · 销售部"),
    ]


def test_a_manager_cannot_edit_a_workstream_shared_with_other_departments(demo, crm):
    with pytest.raises(WorkError, match="middle manager of every department it crosses"):
        workstream_update(
            by=demo["sales.manager"],
            workstream=demo_workstream(crm, "lead_to_order"),
            changes={"name": "Leads"},
        )


def test_a_manager_edits_their_own_workstream_but_cannot_widen_it(demo, crm):
    sales = department("sales")
    own = work.workstream_create(
        by=demo["sales.manager"], rollout=crm, name="Quotes", department_ids=[sales.pk]
    )
    workstream_update(by=demo["sales.manager"], workstream=own, changes={"name": "Sales quotes"})
    with pytest.raises(WorkError, match="departments you manage"):
        workstream_update(
            by=demo["sales.manager"], workstream=own,
            changes={"departments": [sales, department("finance")]},
        )  # fmt: skip
    assert Workstream.objects.get(pk=own.pk).name == "Sales quotes"


def test_it_refuses_a_name_another_workstream_has(demo, crm):
    with pytest.raises(WorkError, match="already has a workstream with that name"):
        workstream_update(
            by=demo["ceo"],
            workstream=demo_workstream(crm, "reports"),
            changes={"name": demo_workstream(crm, "after_sales").name},
        )


# --- the history table ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "before", "after", "constraint"),
    # (Status is a known field now: a gate's Recycle reopens the task through the history.)
    [("progress", "a", "b", "taskchange_field_valid"), ("title", "a", "a", "changes_value")],
)
def test_the_database_keeps_only_changes_of_known_fields(
    demo, task, field, before, after, constraint
):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        TaskChange.objects.create(
            rollout=task.rollout, task=task, changed_by=demo["ceo"], changed_at=timezone.now(),
            field=field, before=before, after=after,
        )  # fmt: skip


def test_the_history_is_in_time_order(demo, task):
    for title in ("First", "Second", "Third"):
        task_update(by=demo["ceo"], task=task, changes={"title": title})
    assert [c.after for c in task_history(task)] == ["First", "Second", "Third"]


HISTORY_TABLES = ["work_taskchange", "work_objectivechange", "work_workstreamchange"]


@pytest.mark.parametrize("table", HISTORY_TABLES)
def test_the_history_is_written_once_even_in_raw_sql(demo, crm, task, table):
    task_update(by=demo["ceo"], task=task, changes={"title": "Fields"})
    objective = Objective.objects.filter(rollout=crm).earliest("pk")
    objective_update(by=demo["ceo"], objective=objective, changes={"target": "Changed"})
    workstream = demo_workstream(crm, "reports")
    workstream_update(by=demo["ceo"], workstream=workstream, changes={"is_core": True})
    sql = f"UPDATE {table} SET after = 'rewritten'"  # noqa: S608  # one of our table names
    with (
        pytest.raises(DatabaseError, match="written once"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
