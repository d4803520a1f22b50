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


def test_it_leaves_every_rollout_a_version_and_the_version_triggers_working():
    """The seed writes without the data-version triggers (for speed): afterwards every
    rollout has a version of its own and a write changes it again, as on a live database."""
    before = dict(Rollout.objects.values_list("pk", "data_version"))
    call_command(
        "seed_scale", "--rollouts", "2", "--people", "150", "--tasks", "10",
        "--logs-per-task", "1", "--commitments", "5", "--reminders", "5", stdout=io.StringIO(),
    )  # fmt: skip
    scale = Rollout.objects.filter(name__startswith="scale ").order_by("pk")
    versions = list(scale.values_list("data_version", flat=True))
    assert len(set(versions)) == 2 and 0 not in versions
    task = Task.objects.filter(rollout=scale[0]).first()
    assert task is not None
    Task.objects.filter(pk=task.pk).update(title="renamed")
    assert Rollout.objects.get(pk=scale[0].pk).data_version != versions[0]
    # The demo's rollouts were not written by the seed and keep theirs.
    assert {
        pk: v for pk, v in scale.model.objects.values_list("pk", "data_version") if pk in before
    } == before
