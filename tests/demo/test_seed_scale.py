"""seed_scale builds the benchmark company; here at a small size, to check its shape."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Sum

from notifications.models import Reminder
from roles.models import RoleAssignment
from rollout.models import Rollout, RolloutUserObjectPermission
from selection.models import Score
from staffing.models import Commitment
from work.models import Task, TaskLog

pytestmark = pytest.mark.django_db


def test_it_builds_the_company_with_its_permissions():
    call_command(
        "seed_scale", "--rollouts", "2", "--people", "300", "--tasks", "100",
        "--logs-per-task", "2", "--commitments", "40", "--reminders", "50", stdout=io.StringIO(),
    )  # fmt: skip
    scale = Rollout.objects.filter(name__startswith="scale ")
    assert scale.count() == 2
    # Holidays count in the bench as in real use: the default calendar, as rollout_create.
    assert set(scale.values_list("calendar__is_default", flat=True)) == {True}
    assert Task.objects.filter(rollout__in=scale).count() == 100
    assert TaskLog.objects.filter(task__rollout__in=scale).count() == 200
    # The logs' total reaches each task through the triggers, bulk insert or not.
    for task in Task.objects.filter(rollout__in=scale).annotate(total=Sum("logs__hours")):
        assert task.hours_logged == task.total
    assert Commitment.objects.filter(request__rollout__in=scale).count() == 40
    assert Reminder.objects.filter(key__startswith="scale:").count() == 50
    assert Score.objects.filter(vendor__rollout__in=scale).count() == 2 * 5 * 11
    holders = RoleAssignment.objects.filter(rollout__in=scale).values("person").distinct().count()
    with_view = RolloutUserObjectPermission.objects.filter(
        content_object__in=scale, permission__codename="view_rollout"
    ).count()
    assert with_view == holders


def test_running_it_twice_adds_nothing():
    args = ["--rollouts", "1", "--people", "150", "--tasks", "10", "--logs-per-task", "1",
            "--commitments", "5", "--reminders", "5"]  # fmt: skip
    call_command("seed_scale", *args, stdout=io.StringIO())
    before = Task.objects.count()
    call_command("seed_scale", *args, stdout=io.StringIO())
    assert Task.objects.count() == before


def test_it_gives_every_rollout_a_new_version_and_leaves_the_triggers_as_they_were():
    """The seed writes with the data-version triggers paused (for speed): afterwards every
    rollout has a new version (the seed wrote people and departments, which every rollout
    shows) and the triggers are the migrations' own, switched on: a write changes its
    rollout's version, and renaming people is still one statement-level trigger."""
    from django.db import connection

    before = dict(Rollout.objects.values_list("pk", "data_version"))
    assert before  # the demo's rollouts
    triggers = _triggers()
    call_command(
        "seed_scale", "--rollouts", "2", "--people", "150", "--tasks", "10",
        "--logs-per-task", "1", "--commitments", "5", "--reminders", "5", stdout=io.StringIO(),
    )  # fmt: skip
    after = dict(Rollout.objects.values_list("pk", "data_version"))
    assert len(after) == len(before) + 2 and len(set(after.values())) == len(after)
    assert all(after[pk] != version for pk, version in before.items())
    assert _triggers() == triggers
    scale = Rollout.objects.filter(name__startswith="scale ").order_by("pk").first()
    assert scale is not None
    Task.objects.filter(rollout=scale).update(title="renamed")
    assert Rollout.objects.get(pk=scale.pk).data_version != after[scale.pk]
    if connection.vendor == "postgresql":
        assert ("roles_user_dv_update", "statement", "O") in triggers


def _triggers() -> set[tuple[str, ...]]:
    """(name, row or statement, enabled) of every trigger; PostgreSQL's catalogue, or
    SQLite's names."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname, CASE WHEN tgtype & 1 = 1 THEN 'row' ELSE 'statement' END,"
                " tgenabled FROM pg_trigger WHERE NOT tgisinternal"
            )
        else:
            cursor.execute("SELECT name, '', '' FROM sqlite_master WHERE type = 'trigger'")
        return set(cursor.fetchall())
