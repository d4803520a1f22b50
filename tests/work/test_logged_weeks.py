"""work_loggedweek holds, for every rollout, member and week (from Monday), the sum of the
member's logs on the rollout's tasks, whatever wrote them: the service, a correction, a
bulk insert, an update, a delete (work/logged_weeks.py)."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Sum
from django.db.models.functions import TruncWeek

from tests.test_security_settings import settings_with
from work import logged_weeks
from work import services as work
from work.models import LoggedWeek, TaskLog

MONDAY = date(2026, 11, 23)


def _from_logs() -> dict[tuple[int, int, date], Decimal]:
    rows = (
        TaskLog.objects.annotate(week=TruncWeek("work_date"))
        .values("task__rollout_id", "member_id", "week")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    totals = {}
    for row in rows:
        week = row["week"].date() if hasattr(row["week"], "date") else row["week"]
        totals[(row["task__rollout_id"], row["member_id"], week)] = row["total"]
    return totals


def _kept() -> dict[tuple[int, int, date], Decimal]:
    return {
        (row.rollout_id, row.member_id, row.week): row.hours
        for row in LoggedWeek.objects.all()
        if row.hours
    }


def test_the_demos_logs_are_in_the_weekly_totals(demo):
    assert _kept() == _from_logs()
    assert _kept()


def test_the_migrations_backfill_gives_the_same_totals(demo):
    LoggedWeek.objects.all().delete()
    with connection.schema_editor() as editor:
        logged_weeks.backfill(editor)
    assert _kept() == _from_logs()


def test_a_log_and_its_correction_change_their_week(demo, member1_task):
    member = demo["member1"]
    key = (member1_task.rollout_id, member.pk, MONDAY)
    before = _kept().get(key, Decimal("0"))
    log = work.task_log_create(
        by=member,
        task=member1_task,
        work_date=MONDAY + timedelta(days=6),
        hours=Decimal("3"),
        progress=10,
    )
    assert _kept()[key] == before + 3
    work.task_log_correct(by=member, log=log, hours_change=Decimal("-1"), reason="Too much")
    assert _kept()[key] == before + 2
    assert _kept() == _from_logs()


def test_bulk_inserts_updates_and_deletes_keep_every_week(demo, member1_task, pilot_task):
    member = demo["member1"]
    TaskLog.objects.bulk_create(
        TaskLog(task=task, member=member, work_date=MONDAY + timedelta(days=d), hours=2, progress=5)
        for task in (member1_task, pilot_task)
        for d in range(0, 21, 2)
    )
    assert _kept() == _from_logs()
    TaskLog.objects.filter(task=pilot_task).update(work_date=MONDAY - timedelta(days=30))
    TaskLog.objects.filter(task=member1_task, work_date__gt=MONDAY).update(hours=Decimal("1.5"))
    assert _kept() == _from_logs()
    TaskLog.objects.filter(task=pilot_task, corrects=None)._raw_delete(TaskLog.objects.db)
    assert _kept() == _from_logs()


SQLITE_LOGS = """
from datetime import date
from django.core.management import call_command
call_command('migrate', verbosity=0)
from roles.models import Department, User
from rollout.models import Rollout
from work.models import LoggedWeek, Task, TaskLog, Workstream
rollout = Rollout.objects.create(name='R', company='C')
member = User.objects.create(username='m')
task = Task.objects.create(
    rollout=rollout, workstream=Workstream.objects.create(rollout=rollout, name='W'),
    department=Department.objects.create(code='d', name_en='D'), created_by=member,
    title='T', due_date=date(2026, 12, 31), estimate_hours=1)
for day, hours in ((29, 2), (30, 3)):
    TaskLog.objects.create(task=task, member=member, work_date=date(2026, 11, day),
                           hours=hours, progress=0)
TaskLog.objects.create(task=task, member=member, work_date=date(2026, 12, 1), hours=4, progress=0)
TaskLog.objects.filter(work_date=date(2026, 12, 1)).update(hours=1)
print([(str(w.week), float(w.hours)) for w in LoggedWeek.objects.order_by('week')])
"""


def test_the_embedded_sqlite_database_keeps_the_weeks_too(migrated_sqlite):
    out = settings_with(
        {"DATABASE_URL": migrated_sqlite},
        "exec(" + repr(SQLITE_LOGS) + ")",
    )
    assert out.splitlines()[-1] == "[('2026-11-23', 2.0), ('2026-11-30', 4.0)]"
