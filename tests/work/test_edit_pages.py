"""The edit pages of a task, an objective and a workstream: the form filled with the current
values, the save and its history, a refusal that keeps what was typed, an edit on a form
opened before someone else saved refused and then saved knowingly, and a fixed number of
queries as tasks and history rows grow (10 vs 200)."""

from datetime import timedelta

import pytest
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from demo.keys import demo_task, demo_workstream
from tests.query_counts import get_page
from tests.work.edit_data import objective_posted, task_posted, workstream_posted
from tests.work.work_data import add_tasks
from work.edit_services import task_update, task_version
from work.models import Objective, ObjectiveChange, Task, TaskChange, WorkstreamChange

pytestmark = pytest.mark.django_db


def edit_url(task: Task) -> str:
    return reverse("work:task_edit", args=[task.rollout_id, task.pk])


def test_the_form_shows_the_tasks_values_and_their_version(client, demo, member1_task):
    client.force_login(demo["sales.manager"])
    text = client.get(edit_url(member1_task)).content.decode()
    assert f'value="{member1_task.title}"' in text
    assert f'value="{task_version(member1_task)}"' in text


def test_a_save_goes_to_the_tasks_page_which_shows_the_change(client, demo, member1_task):
    client.force_login(demo["sales.manager"])
    due = member1_task.due_date + timedelta(days=5)
    data = task_posted(member1_task, assignees=[demo["member2"].pk], due_date=due.isoformat())
    response = client.post(edit_url(member1_task), data, follow=True)
    text = response.content.decode()
    assert response.redirect_chain[-1][0].endswith(f"/tasks/{member1_task.pk}/")
    assert "saved. Changed: Assignees, Due date." in text
    assert "Zhao Min (赵敏) (member2)" in text  # the history's "after"
    assert str(due) in text


def test_a_refused_edit_keeps_what_was_typed(client, demo, member1_task):
    client.force_login(demo["sales.manager"])
    data = task_posted(member1_task, title="Fields, second draft", assignees=[])
    response = client.post(edit_url(member1_task), data)
    text = response.content.decode()
    assert response.status_code == 400
    assert 'value="Fields, second draft"' in text
    assert not TaskChange.objects.filter(task=member1_task).exists()


def test_an_edit_on_a_form_opened_before_another_save_is_refused_then_saved_knowingly(
    client, demo, member1_task
):
    opened = task_posted(member1_task, title="Fields by the manager")
    task_update(by=demo["ceo"], task=member1_task, changes={"priority": 4})
    client.force_login(demo["sales.manager"])
    refused = client.post(edit_url(member1_task), opened)
    text = refused.content.decode()
    assert refused.status_code == 400
    assert "was changed by someone else after you opened this form" in text
    assert 'value="Fields by the manager"' in text
    assert Task.objects.get(pk=member1_task.pk).title != "Fields by the manager"
    # The form now carries the version of the values as they are: saving again is knowing.
    current = task_version(Task.objects.get(pk=member1_task.pk))
    assert f'name="version" value="{current}"' in text
    saved = client.post(edit_url(member1_task), {**opened, "version": current})
    assert saved.status_code == 302
    assert Task.objects.get(pk=member1_task.pk).title == "Fields by the manager"


def test_an_objective_edit_stays_on_its_page_with_the_history(client, demo, crm):
    objective = Objective.objects.get(rollout=crm, department__code="sales")
    url = reverse("work:objective_edit", args=[crm.pk, objective.pk])
    client.force_login(demo["sales.manager"])
    response = client.post(url, objective_posted(objective, target="1,500 records"), follow=True)
    assert response.redirect_chain[-1][0] == url
    assert "1,500 records" in response.content.decode()
    assert ObjectiveChange.objects.filter(objective=objective, field="target").exists()


def test_a_workstream_edit_keeps_its_history(client, demo, crm):
    workstream = demo_workstream(crm, "reports")
    url = reverse("work:workstream_edit", args=[crm.pk, workstream.pk])
    client.force_login(demo["ceo"])
    response = client.post(url, workstream_posted(workstream, is_core="on"), follow=True)
    assert response.status_code == 200
    change = WorkstreamChange.objects.get(workstream=workstream)
    assert (change.field, change.before, change.after) == ("is_core", "0", "1")


def test_the_plan_links_only_what_the_person_may_edit(client, demo, crm):
    client.force_login(demo["sales.manager"])
    text = client.get(reverse("work:plan", args=[crm.pk])).content.decode()
    sales = Objective.objects.get(rollout=crm, department__code="sales")
    it = Objective.objects.get(rollout=crm, department__code="it")
    assert reverse("work:objective_edit", args=[crm.pk, sales.pk]) in text
    assert reverse("work:objective_edit", args=[crm.pk, it.pk]) not in text
    # Every demo workstream crosses other departments than Sales.
    workstreams = list(crm.workstreams.all())
    assert workstreams
    for workstream in workstreams:
        assert reverse("work:workstream_edit", args=[crm.pk, workstream.pk]) not in text


def test_the_task_page_links_the_edit_form_for_a_planner_only(client, demo, member1_task):
    for who, linked in [("sales.manager", True), ("member1", False)]:
        client.force_login(demo[who])
        page = client.get(
            reverse("work:task_detail", args=[member1_task.rollout_id, member1_task.pk])
        )
        assert (edit_url(member1_task) in page.content.decode()) is linked


# --- queries: the same for 10 and 200 tasks and history rows -------------------------


TASK_EDIT_QUERIES = 21
OBJECTIVE_EDIT_QUERIES = 12
WORKSTREAM_EDIT_QUERIES = 12


def history_rows(model, count: int, by, rollout_id: int, **subject) -> None:
    now = timezone.now()
    field = model.Field.values[0]
    model.objects.bulk_create(
        model(rollout_id=rollout_id, changed_by=by, changed_at=now + timedelta(seconds=n),
              field=field, before=str(n), after=str(n + 1), **subject)
        for n in range(count)
    )  # fmt: skip


def test_the_task_edit_page_is_the_same_for_10_and_200_tasks_and_changes(client, demo, crm):
    task = demo_task(crm, "customer_fields")
    client.force_login(demo["sales.manager"])
    add_tasks(crm, demo["member1"], 10)
    history_rows(TaskChange, 10, demo["ceo"], crm.pk, task=task)
    get_page(client, edit_url(task), TASK_EDIT_QUERIES)
    add_tasks(crm, demo["member1"], 190)
    history_rows(TaskChange, 190, demo["ceo"], crm.pk, task=task)
    get_page(client, edit_url(task), TASK_EDIT_QUERIES)


@pytest.mark.parametrize(
    ("page", "model", "queries"),
    [
        ("work:objective_edit", ObjectiveChange, OBJECTIVE_EDIT_QUERIES),
        ("work:workstream_edit", WorkstreamChange, WORKSTREAM_EDIT_QUERIES),
    ],
)
def test_the_objective_and_workstream_pages_are_the_same_for_10_and_200_changes(
    client, demo, crm, page, model, queries
):
    subject: dict[str, Model]
    if model is ObjectiveChange:
        subject = {"objective": Objective.objects.get(rollout=crm, department__code="sales")}
    else:
        subject = {"workstream": demo_workstream(crm, "reports")}
    url = reverse(page, args=[crm.pk, next(iter(subject.values())).pk])
    client.force_login(demo["ceo"])
    history_rows(model, 10, demo["sales.manager"], crm.pk, **subject)
    get_page(client, url, queries)
    history_rows(model, 190, demo["sales.manager"], crm.pk, **subject)
    get_page(client, url, queries)
