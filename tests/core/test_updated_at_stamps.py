"""The database stamps updated_at on every UPDATE (core.updated_at_stamps), on PostgreSQL
(the test database) and on SQLite (the embedded mode, migrated for real in a fresh process,
its rebuild of rollout_task keeping the triggers that name it); an UPDATE that sets
updated_at itself is stamped too."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from staffing.models import StaffingRequest
from tests.staffing.staffing_data import ask
from tests.test_security_settings import settings_with
from work.models import Task

pytestmark = pytest.mark.django_db


def stamp(model, pk):
    return model.objects.get(pk=pk).updated_at


def test_postgres_stamps_every_update_whatever_it_sets(crm):
    task, other = Task.objects.filter(rollout=crm).order_by("pk")[:2]
    Task.objects.filter(pk=task.pk).update(priority=task.priority)
    first = stamp(Task, task.pk)
    Task.objects.filter(pk=task.pk).update(updated_at=first - timedelta(hours=1))
    assert stamp(Task, task.pk) > first  # an older value set by the UPDATE is stamped over
    untouched = stamp(Task, other.pk)
    task.save(update_fields=["title"])  # a save that names other fields only
    assert stamp(Task, other.pk) == untouched


def test_postgres_stamps_a_full_save_of_an_instance_read_before_another_write(crm):
    task = Task.objects.filter(rollout=crm).earliest("pk")
    stale = Task.objects.get(pk=task.pk)  # carries the updated_at of now
    Task.objects.filter(pk=task.pk).update(priority=task.priority)  # another write
    written = stamp(Task, task.pk)
    stale.save()  # writes every column, its older updated_at too
    assert stamp(Task, task.pk) > written


def test_postgres_stamps_a_request_saved_with_update_fields(demo, crm):
    request = ask(demo, crm, demo["sales.manager"].department, "2")
    before = stamp(StaffingRequest, request.pk)
    request.note = "More hands in week 2"
    request.save(update_fields=["note"])  # updated_at not among them: the trigger stamps it
    assert stamp(StaffingRequest, request.pk) > before


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
    editor.execute("CREATE TABLE owner (id integer PRIMARY KEY, updated_at text)")
    editor.execute("CREATE TABLE link (id integer PRIMARY KEY, owner_id integer)")
    stamp_create(editor, "parent")
    stamp_parent_create(editor, link_table="link", parent="owner", column="owner_id")
old = "2000-01-01 00:00:00.000000"
c.execute("INSERT INTO parent (id, note, updated_at) VALUES (1, 'a', %s), (2, 'b', %s)", [old, old])
c.execute("UPDATE parent SET note = 'changed' WHERE id = 1")
c.execute("UPDATE parent SET updated_at = '2001-01-01 00:00:00.000000' WHERE id = 2")
after_update = dict(c.execute("SELECT id, updated_at FROM parent").fetchall())
c.execute("INSERT INTO owner (id, updated_at) VALUES (1, %s), (2, %s)", [old, old])
c.execute("INSERT INTO link (id, owner_id) VALUES (1, 2)")
after_link = dict(c.execute("SELECT id, updated_at FROM owner").fetchall())
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
    assert seen["update"]["2"].startswith(this_year)  # an older value set: stamped over
    assert seen["link"]["2"].startswith(this_year)
    assert seen["link"]["1"] == "2000-01-01 00:00:00.000000"
