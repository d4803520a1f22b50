"""`updated_since` on the task, commitment and staffing-request lists: the database stamps
each row's updated_at on every change (core.updated_at_stamps), so a change made through a
service, through a queryset update or by another trigger (a log adding its hours to the
task) all show, and rows left alone do not."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from staffing import services as staffing
from staffing.models import Commitment, StaffingRequest
from tests.api.conftest import bearer
from tests.staffing.staffing_data import ask, commit_member1
from work import services as work
from work.models import Task

pytestmark = pytest.mark.django_db


def asked_from_now() -> object:
    """The moment to ask from: every row was last changed (and stamped by its statement)
    before it."""
    since = timezone.now()
    changed = (
        Task.objects.filter(updated_at__gt=since).exists()
        or Commitment.objects.filter(updated_at__gt=since).exists()
        or StaffingRequest.objects.filter(updated_at__gt=since).exists()
    )
    assert not changed
    return since


def ids_since(client, token, address, since) -> list[int]:
    response = client.get(address, {"updated_since": since.isoformat()}, **token)
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_a_log_through_the_service_shows_its_task_and_no_other(
    client, demo, crm, member1_task, token_for
):
    token = bearer(token_for(demo["member1"]))
    address = f"/api/rollouts/{crm.pk}/tasks/"
    since = asked_from_now()
    assert ids_since(client, token, address, since) == []
    work.task_log_create(
        by=demo["member1"], task=member1_task, work_date=timezone.localdate(),
        hours=Decimal("1.5"), progress=member1_task.progress,
    )  # fmt: skip
    # Only hours_logged changed on the task, and by the log's trigger, not by a save.
    assert ids_since(client, token, address, since) == [member1_task.pk]
    everything = client.get(address, **token).json()["count"]
    assert everything == Task.objects.filter(rollout=crm).count() > 1


def test_a_queryset_update_and_a_change_of_assignees_show(client, demo, crm, token_for):
    token = bearer(token_for(demo["ceo"]))
    address = f"/api/rollouts/{crm.pk}/tasks/"
    first, second, third = Task.objects.filter(rollout=crm).order_by("pk")[:3]
    since = asked_from_now()
    Task.objects.filter(pk=first.pk).update(due_date=first.due_date + timedelta(days=1))
    second.assignees.add(demo["member2"])
    assert ids_since(client, token, address, since) == [first.pk, second.pk]
    since = asked_from_now()
    third.assignees.clear()
    assert ids_since(client, token, address, since) == [third.pk]


def test_an_answered_request_and_a_confirmed_commitment_show(client, demo, crm, token_for):
    token = bearer(token_for(demo["ceo"]))
    commitment = commit_member1(demo, crm, "4")
    waiting = ask(demo, crm, demo["sales.manager"].department, "2")
    requests, commitments = (
        f"/api/rollouts/{crm.pk}/staffing-requests/",
        f"/api/rollouts/{crm.pk}/commitments/",
    )
    since = asked_from_now()
    assert ids_since(client, token, requests, since) == []
    assert ids_since(client, token, commitments, since) == []

    staffing.commitment_confirm(by=demo["member1"], commitment=commitment)
    assert ids_since(client, token, commitments, since) == [commitment.pk]
    staffing.staffing_answer(
        by=demo["sales.manager"], request=waiting, people=[], reason="Month-end close"
    )
    assert ids_since(client, token, requests, since) == [waiting.pk]


def test_an_unreadable_updated_since_is_a_problem(client, demo, crm, token_for):
    token = bearer(token_for(demo["ceo"]))
    for list_ in ("tasks", "commitments", "staffing-requests"):
        response = client.get(
            f"/api/rollouts/{crm.pk}/{list_}/", {"updated_since": "yesterday"}, **token
        )
        assert response.status_code == 400
        assert response["Content-Type"].startswith("application/problem+json")
