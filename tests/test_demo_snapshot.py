"""The suite's copy of the demo company (tests/demo_snapshot.py), put back after a
transactional test: every table as seeded, and every rollout at a new data version."""

import pytest
from django.db import connection

from rollout.models import Rollout
from tests import demo_snapshot
from tests.conftest import seeded_demo
from work.models import Task, TaskLog

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in demo_snapshot._tables(connection):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def test_the_demo_comes_back_as_seeded_with_new_versions(demo, request):
    snapshot = demo_snapshot.take(connection)
    if snapshot is None:
        pytest.skip("the snapshot is PostgreSQL's, for a superuser; elsewhere the demo is seeded")
    # Where a snapshot can be taken, the suite took one too (it does not seed again after
    # every transactional test).
    assert request.config.stash.get(seeded_demo, None) is not None
    seeded = _counts()
    tasks = set(Task.objects.values_list("pk", "title", "hours_logged"))
    versions = dict(Rollout.objects.values_list("pk", "data_version"))
    TaskLog.objects.all().delete()  # the hours-logged triggers take them off the tasks
    Task.objects.update(title="changed")
    assert _counts() != seeded

    demo_snapshot.restore(connection, snapshot)

    assert _counts() == seeded
    # The totals kept by triggers come back as copied, not counted twice.
    assert set(Task.objects.values_list("pk", "title", "hours_logged")) == tasks
    restored = dict(Rollout.objects.values_list("pk", "data_version"))
    assert restored.keys() == versions.keys()
    assert all(restored[pk] != version for pk, version in versions.items())
