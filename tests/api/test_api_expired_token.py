"""An expired token writes nothing, whatever it asks: every write of the API answers 401
as a problem, and no row of any table is inserted, changed or deleted (the log's case is
in test_api_basics)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from demo.keys import demo_task
from staffing.models import Commitment, StaffingRequest
from staffing.services import staffing_request_create
from tests.api.conftest import bearer
from tests.database_writes import nothing_written
from work.models import Task

pytestmark = pytest.mark.django_db


def refused(client, address, token, body=None):
    """POSTs `body` with the token: a 401 problem, and no row written."""
    with nothing_written(address):
        response = client.post(address, body or {}, content_type="application/json", **token)
    assert response.status_code == 401, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401
    return response


def test_a_claim_with_an_expired_token_writes_nothing(client, demo, member1_task, expired_token):
    refused(client, f"/api/tasks/{member1_task.pk}/claim-done/", bearer(expired_token))
    assert Task.objects.get(pk=member1_task.pk).status == member1_task.status


@pytest.mark.parametrize(
    ("action", "body"), [("verify", None), ("send-back", {"reason": "The batch is short."})]
)
def test_a_verify_or_send_back_with_an_expired_token_writes_nothing(
    client, demo, crm, expired_token_for, action, body
):
    claimed = demo_task(crm, "cleanup_batch1")
    token = bearer(expired_token_for(demo["sales.manager"]))
    refused(client, f"/api/tasks/{claimed.pk}/{action}/", token, body)
    assert Task.objects.get(pk=claimed.pk).status == "claimed"


def test_a_confirm_with_an_expired_token_writes_nothing(client, demo, expired_token_for):
    commitment = Commitment.objects.filter(person=demo["member1"]).earliest("pk")
    token = bearer(expired_token_for(demo["member1"]))
    refused(client, f"/api/commitments/{commitment.pk}/confirm/", token)
    assert Commitment.objects.get(pk=commitment.pk).status == commitment.status


def test_an_answer_with_an_expired_token_writes_nothing(client, demo, crm, expired_token_for):
    today = timezone.localdate()
    request = staffing_request_create(
        by=demo["ceo"], rollout=crm, department=demo["sales.manager"].department,
        purpose="training", hours_per_week=Decimal("4"), start_date=today,
        end_date=today + timedelta(days=14),
    )  # fmt: skip
    token = bearer(expired_token_for(demo["sales.manager"]))
    body = {"people": [{"person": demo["member1"].pk, "hours_per_week": "4"}]}
    refused(client, f"/api/staffing-requests/{request.pk}/answer/", token, body)
    assert StaffingRequest.objects.get(pk=request.pk).status == "waiting"
