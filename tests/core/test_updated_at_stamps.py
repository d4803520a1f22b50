"""The database stamps updated_at on every UPDATE (core.updated_at_stamps), on PostgreSQL
(the test database) and on SQLite (the embedded mode, migrated for real in a fresh process,
its rebuild of rollout_task keeping the triggers that name it); an UPDATE that sets
updated_at itself keeps its value."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from staffing.models import StaffingRequest
from tests.staffing.staffing_data import ask
from tests.test_security_settings import settings_with
from work.models import Task

pytestmark = pytest.mark.django_db

AN_HOUR_AGO = timedelta(hours=1)


def test_postgres_stamps_an_update_that_leaves_updated_at_alone(crm):
    task = Task.objects.filter(rollout=crm).earliest("pk")
    old = timezone.now() - AN_HOUR_AGO
    Task.objects.filter(pk=task.pk).update(updated_at=old)
    assert Task.objects.get(pk=task.pk).updated_at == old  # set by the UPDATE itself: kept
    Task.objects.filter(pk=task.pk).update(priority=task.priority)
    assert Task.objects.get(pk=task.pk).updated_at > old
    other = Task.objects.filter(rollout=crm).exclude(pk=task.pk).earliest("pk")
    Task.objects.filter(pk=other.pk).update(updated_at=old)
    task.save(update_fields=["title"])  # a save that names other fields only
    assert Task.objects.get(pk=other.pk).updated_at == old


def test_postgres_stamps_a_request_saved_with_update_fields(demo, crm):
    request = ask(demo, crm, demo["sales.manager"].department, "2")
    old = timezone.now() - AN_HOUR_AGO
    StaffingRequest.objects.filter(pk=request.pk).update(updated_at=old)
    request.note = "More hands in week 2"
    request.save(update_fields=["note"])  # updated_at not among them: the trigger stamps it
    assert StaffingRequest.objects.get(pk=request.pk).updated_at > old


SQLITE_RUN = """
import json
from django.core.management import call_command
from django.db import connection
from core.updated_at_stamps import stamp_create, stamp_parent_create
call_command('migrate', verbosity=0)
c = connection.cursor()
c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%updated_at'"
          " OR name LIKE '%stamps%' OR name LIKE 'rollout_tasklog_hours%')")
triggers = sorted(r[0] for r in c.fetchall())
with connection.schema_editor() as editor:
    editor.execute("CREATE TABLE parent (id integer PRIMARY KEY, note text, updated_at text)")
    editor.execute("CREATE TABLE link (id integer PRIMARY KEY, parent_id integer)")
    stamp_create(editor, "parent")
    stamp_parent_create(editor, link_table="link", parent="parent", column="parent_id")
old = "2000-01-01 00:00:00.000000"
c.execute("INSERT INTO parent (id, note, updated_at) VALUES (1, 'a', %s), (2, 'b', %s)", [old, old])
c.execute("UPDATE parent SET note = 'changed' WHERE id = 1")
c.execute("UPDATE parent SET updated_at = '2001-01-01 00:00:00.000000' WHERE id = 2")
after_update = dict(c.execute("SELECT id, updated_at FROM parent").fetchall())
c.execute("UPDATE parent SET updated_at = %s", [old])
c.execute("INSERT INTO link (id, parent_id) VALUES (1, 2)")
after_link = dict(c.execute("SELECT id, updated_at FROM parent").fetchall())
print(json.dumps({"triggers": triggers, "update": after_update, "link": after_link}))
"""


def test_sqlite_migrates_the_stamps_and_they_stamp(migrated_sqlite):
    out = settings_with({"DATABASE_URL": migrated_sqlite}, SQLITE_RUN)
    seen = json.loads(out.splitlines()[-1])
    assert seen["triggers"] == [
        "roles_commitment_updated_at",
        "roles_staffingrequest_updated_at",
        "rollout_task_assignees_stamps_rollout_task_delete",
        "rollout_task_assignees_stamps_rollout_task_insert",
        "rollout_task_updated_at",
        # Kept through the rebuild of rollout_task (core.sqlite_table_rebuilds).
        "rollout_tasklog_hours_delete",
        "rollout_tasklog_hours_insert",
        "rollout_tasklog_hours_update",
    ]
    this_year = str(timezone.now().year)
    assert seen["update"]["1"].startswith(this_year)  # stamped now
    assert seen["update"]["2"] == "2001-01-01 00:00:00.000000"  # set by the UPDATE: kept
    assert seen["link"]["2"].startswith(this_year)
    assert seen["link"]["1"] == "2000-01-01 00:00:00.000000"
