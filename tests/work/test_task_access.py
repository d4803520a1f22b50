"""One access call per task carrying its level (work/access.py): 404 for a task the
person cannot see, 403 for one they see but may not act on, and the service it is handed
to does not ask the same question again (the log POST made 19 queries, checking twice)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from core.access import mark_resolved
from core.checked import mark_checked, was_checked
from tests.query_counts import exactly
from tests.work.work_data import log_work
from work import services as work
from work.access import access_task
from work.models import Task

pytestmark = pytest.mark.django_db


def access(person, rollout, pk, **level):
    """access_task as a view calls it: through a rollout resolved for the same person."""
    mark_resolved(rollout, person)
    return access_task(person, rollout, pk, **level)


def test_it_gives_the_assignee_their_task_to_log_and_marks_it(demo, crm, member1_task):
    task = access(demo["member1"], crm, member1_task.pk, to="log")
    assert was_checked(task, demo["member1"].pk, "log")
    assert not was_checked(task, demo["member2"].pk, "log")


def test_it_refuses_logging_to_someone_who_only_sees_the_task(demo, crm, member1_task):
    with pytest.raises(PermissionDenied):
        access(demo["member2"], crm, member1_task.pk, to="log")
    task = access(demo["member2"], crm, member1_task.pk)  # reading it is fine
    assert not was_checked(task, demo["member2"].pk, "read")


def test_it_hides_a_task_of_another_rollout(demo, pilot, member1_task):
    with pytest.raises(Http404):
        access(demo["member1"], pilot, member1_task.pk, to="log")


def test_it_lets_only_the_departments_manager_verify(demo, crm, member1_task):
    assert access(demo["sales.manager"], crm, member1_task.pk, to="verify")
    with pytest.raises(PermissionDenied):
        access(demo["ceo"], crm, member1_task.pk, to="verify")


@pytest.mark.parametrize(
    "marked_for",
    [None, "member1"],
    ids=["a task nobody checked", "a mark for someone else is not taken for theirs"],
)
def test_the_service_still_refuses(demo, member1_task, marked_for):
    if marked_for:
        mark_checked(member1_task, demo[marked_for].pk, "log")
    with pytest.raises(work.WorkError, match="only log work on tasks assigned to you"):
        log_work(demo["member2"], member1_task, hours="1", progress=10)


def test_logging_from_the_page_asks_each_question_once(client, demo, crm, member1_task):
    client.force_login(demo["member1"])
    url = reverse("work:task_log", args=[crm.pk, member1_task.pk])
    data = {"work_date": timezone.localdate().isoformat(), "hours": "1", "progress": "50"}
    # Session, user, rollout, the task with whether they may log on it (their grant and
    # the assignment, in the same query), once; then the log's savepoint, the task and the
    # person locked in one statement, the day's total, the log, the task's status, its
    # history row and the release. Content types are cached per process: emptied here, so
    # the count does not depend on which test ran before in the same process (none is read).
    ContentType.objects.clear_cache()
    with exactly(11):
        response = client.post(url, data)
    assert response.status_code == 302
    assert Task.objects.get(pk=member1_task.pk).progress == 50
