"""Task.hours_logged is kept by database triggers (migration 0009): it always equals the
sum of the task's logs, however the logs were written."""

from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone

from work import services as work
from work.models import Task, TaskLog

pytestmark = pytest.mark.django_db


def summed(task: Task) -> Decimal:
    return TaskLog.objects.filter(task=task).aggregate(t=Sum("hours"))["t"] or Decimal("0")


def test_a_logged_entry_and_its_correction_move_the_total(demo, member1_task):
    before = Task.objects.get(pk=member1_task.pk).hours_logged
    entry = work.task_log_create(
        by=demo["member1"],
        task=member1_task,
        work_date=timezone.localdate(),
        hours=Decimal("2.5"),
        progress=40,
    )
    assert Task.objects.get(pk=member1_task.pk).hours_logged == before + Decimal("2.5")
    work.task_log_correct(by=demo["member1"], log=entry, hours_change=Decimal("-1"), reason="typo")
    task = Task.objects.get(pk=member1_task.pk)
    assert task.hours_logged == before + Decimal("1.5")
    assert task.hours_logged == summed(task)


def test_logs_written_without_the_service_count_too(demo, member1_task):
    TaskLog.objects.bulk_create(
        TaskLog(
            task=member1_task,
            member=demo["member1"],
            work_date=timezone.localdate(),
            hours=Decimal("0.5"),
            progress=0,
        )
        for _ in range(3)
    )
    task = Task.objects.get(pk=member1_task.pk)
    assert task.hours_logged == summed(task)


def test_every_task_of_the_demo_matches_its_logs(crm):
    for task in Task.objects.filter(rollout=crm).annotate(total=Sum("logs__hours")):
        assert task.hours_logged == (task.total or Decimal("0")), task.title
