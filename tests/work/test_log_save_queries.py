"""Logging work from "My tasks" (the htmx POST the page sends) is a save of issue #17: at
most 10 queries, and the row it answers with shows the save. The member has a few tasks
and the rollout its due reminders, as on a working day."""

from decimal import Decimal

import pytest
from django.db import OperationalError, connection, connections
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone

from notifications.models import Reminder
from notifications.services.sweep import reminders_sweep
from tests.query_counts import exactly
from tests.work.work_data import add_tasks, log_work
from work import services as work
from work.models import Task, TaskLog

pytestmark = pytest.mark.django_db

# Session, person, rollout, the task with whether they may log on it; the task and the
# person locked in one statement, the day's total, the log, the task's progress and
# status, its history row; the row read again for the answer. Savepoints are not counted:
# in a request the service's transaction is the outermost one (BEGIN and COMMIT are not
# statements Django logs), only the test's own transaction makes it a savepoint.
LOG_QUERIES = 10


@pytest.fixture
def posted(client, demo, crm, member1_task):
    add_tasks(crm, demo["member1"], 5)
    reminders_sweep()
    assert Reminder.objects.filter(rollout=crm).exists()
    client.force_login(demo["member1"])
    client.get(reverse("work:my_tasks", args=[crm.pk]))  # the session's first read is done
    url = reverse("work:task_log", args=[crm.pk, member1_task.pk])
    data = {"work_date": timezone.localdate().isoformat(), "hours": "1.5", "progress": "50"}
    with exactly(LOG_QUERIES, savepoints=False):
        response = client.post(url, data, HTTP_HX_REQUEST="true")
    return response


def test_it_logs_work_in_ten_queries(posted):
    assert posted.status_code == 200


def test_it_answers_with_the_row_showing_the_log(posted, member1_task):
    text = posted.content.decode()
    logged = Task.objects.get(pk=member1_task.pk).hours_logged
    assert f'<span class="task-hours">{floatformat(logged, "-2")} of' in text
    assert '<span class="task-progress">50 %</span>' in text


def test_it_writes_the_log_and_the_tasks_history(posted, demo, member1_task):
    logged = TaskLog.objects.filter(
        task=member1_task, member=demo["member1"], work_date=timezone.localdate()
    )
    assert [(log.hours, log.progress) for log in logged] == [(Decimal("1.5"), 50)]
    task = Task.objects.get(pk=member1_task.pk)
    assert task.history.latest().progress == 50


def test_a_log_holds_the_person_until_it_commits(demo, member1_task):
    """The one locking statement (`FOR UPDATE OF t, p`) still locks the person: a second log
    of the same person (the 24-hour check) waits until this one commits. (The task's row
    would be held anyway: the log updates it, so checking it here could not fail.)"""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one write transaction at a time")
    log_work(demo["member1"], member1_task, hours="1", progress=10)
    other = connections.create_connection("default")  # a second session, as another request
    try:
        with other.cursor() as cursor, pytest.raises(OperationalError, match="could not obtain"):
            cursor.execute(
                "SELECT 1 FROM roles_user WHERE id = %s FOR UPDATE NOWAIT", [demo["member1"].pk]
            )
    finally:
        other.close()


@pytest.mark.django_db(transaction=True)  # the log committed: its own lock is gone
def test_a_correction_locks_the_task_before_its_checks_as_a_log_does(
    demo, member1_task, monkeypatch
):
    """A log locks the task, then the person; a correction did the reverse (the person
    first, the task only when its hours reached it through the trigger), so the two at once
    could deadlock. Now the task is already held when the correction checks the day's
    total, before anything is written."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one write transaction at a time")
    original = log_work(demo["member1"], member1_task, hours="2", progress=10)
    held: list[bool] = []
    day_total = work._day_total

    def probe(person, day):
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                try:
                    cursor.execute(
                        "SELECT 1 FROM rollout_task WHERE id = %s FOR UPDATE NOWAIT",
                        [member1_task.pk],
                    )
                    held.append(False)
                except OperationalError:
                    held.append(True)
        finally:
            other.close()
        return day_total(person, day)

    monkeypatch.setattr(work, "_day_total", probe)
    work.task_log_correct(
        by=demo["member1"], log=original, hours_change=Decimal("-1"), reason="Typed 2, was 1"
    )
    assert held == [True]
