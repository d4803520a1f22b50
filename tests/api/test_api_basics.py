"""The API through the test client: what each person reads, the writes through the pages'
services, and refusals as problem details."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from demo.keys import demo_task
from tests.api.conftest import bearer
from work.models import Evidence, Task, TaskLog

pytestmark = pytest.mark.django_db


def test_it_lists_only_the_rollouts_a_person_holds_a_role_in(client, demo, crm, pilot, token_for):
    response = client.get("/api/rollouts/", **bearer(token_for(demo["pilot.member"])))
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [pilot.pk]


def test_it_logs_work_with_evidence_claims_it_and_the_manager_verifies(
    client, demo, member1_task, token_for
):
    member, manager = bearer(token_for(demo["member1"])), bearer(token_for(demo["sales.manager"]))
    evidence = SimpleUploadedFile(
        "minutes.txt", b"We agreed the fields.", content_type="text/plain"
    )
    logged = client.post(
        f"/api/tasks/{member1_task.pk}/logs/",
        {
            "work_date": timezone.localdate().isoformat(),
            "hours": "2",
            "progress": "90",
            "evidence": [evidence],
        },
        **member,
    )
    assert logged.status_code == 201, logged.content
    assert [e["original_name"] for e in logged.json()["evidence"]] == ["minutes.txt"]
    assert (
        client.post(f"/api/tasks/{member1_task.pk}/claim-done/", **member).json()["status"]
        == "claimed"
    )
    assert (
        client.post(f"/api/tasks/{member1_task.pk}/verify/", **manager).json()["status"]
        == "verified"
    )


def test_a_service_refusal_is_a_problem_with_its_readable_message(
    client, demo, member1_task, token_for
):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        f"/api/tasks/{member1_task.pk}/logs/",
        {"work_date": tomorrow, "hours": "2", "progress": "10"},
        content_type="application/json",
        **bearer(token_for(demo["member1"])),
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "You cannot log work for a day that has not come yet."


def test_problems_are_in_the_language_asked_for(client, demo, member1_task, token_for):
    response = client.post(
        f"/api/tasks/{member1_task.pk}/verify/",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
        **bearer(token_for(demo["member1"])),
    )
    assert response.status_code == 403
    assert response.json()["title"] == "禁止访问"


def test_without_accept_language_the_token_holders_language_is_used(client, demo, token_for):
    demo["member1"].preferred_language = "zh-hans"
    demo["member1"].save(update_fields=["preferred_language"])
    response = client.get("/api/tasks/999999999/", **bearer(token_for(demo["member1"])))
    assert response.json()["title"] == "未找到"


def test_field_errors_are_listed_under_errors(client, demo, member1_task, token_for):
    response = client.post(
        f"/api/tasks/{member1_task.pk}/logs/", {}, content_type="application/json",
        **bearer(token_for(demo["member1"])),
    )  # fmt: skip
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"work_date", "hours", "progress"}


def test_a_claim_of_a_claimed_task_is_a_conflict(client, demo, crm, token_for):
    claimed = demo_task(crm, "cleanup_batch1")
    member = claimed.assignees.first()
    response = client.post(f"/api/tasks/{claimed.pk}/claim-done/", **bearer(token_for(member)))
    assert response.status_code == 409
    assert response.json()["detail"] == "This task is already claimed done."


def test_another_rollouts_task_is_not_found_and_nothing_is_written(
    client, demo, pilot_task, token_for
):
    before = TaskLog.objects.count(), Evidence.objects.count()
    response = client.post(
        f"/api/tasks/{pilot_task.pk}/logs/",
        {"work_date": timezone.localdate().isoformat(), "hours": "2", "progress": "10"},
        content_type="application/json",
        **bearer(token_for(demo["member1"])),
    )
    assert response.status_code == 404
    assert (TaskLog.objects.count(), Evidence.objects.count()) == before
    assert Task.objects.get(pk=pilot_task.pk).status == "open"


def test_an_expired_token_is_refused_and_nothing_is_written(client, member1_task, expired_token):
    before = TaskLog.objects.count()
    response = client.post(
        f"/api/tasks/{member1_task.pk}/logs/",
        {"work_date": timezone.localdate().isoformat(), "hours": "2", "progress": "10"},
        content_type="application/json",
        **bearer(expired_token),
    )
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert TaskLog.objects.count() == before


def test_the_session_needs_the_csrf_token_to_write(demo, member1_task):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(demo["member1"])
    response = browser.post(f"/api/tasks/{member1_task.pk}/claim-done/")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_a_token_is_throttled_at_the_rate_set(client, demo, settings, token_for):
    settings.ROLLOUT_API_RATE = "2/min"
    token = bearer(token_for(demo["member1"]))
    assert [client.get("/api/rollouts/", **token).status_code for _ in range(2)] == [200, 200]
    refused = client.get("/api/rollouts/", **token)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0


def test_an_unknown_api_address_is_a_problem(client):
    response = client.get("/api/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_a_staffing_request_is_answered_through_the_service(client, demo, crm, token_for):
    from staffing.models import StaffingRequest
    from staffing.services import staffing_request_create

    today = timezone.localdate()
    request = staffing_request_create(
        by=demo["ceo"], rollout=crm, department=demo["sales.manager"].department,
        purpose="training", hours_per_week=Decimal("4"), start_date=today,
        end_date=today + timedelta(days=14),
    )  # fmt: skip
    response = client.post(
        f"/api/staffing-requests/{request.pk}/answer/",
        {"people": [{"person": demo["member1"].pk, "hours_per_week": "4"}]},
        content_type="application/json",
        **bearer(token_for(demo["sales.manager"])),
    )
    assert response.status_code == 201, response.content
    assert StaffingRequest.objects.get(pk=request.pk).status != "waiting"


def test_a_wrong_method_and_a_wrong_body_type_are_problems(client, demo, crm, token_for):
    token = bearer(token_for(demo["sales.manager"]))
    claimed = demo_task(crm, "cleanup_batch1")
    wrong_method = client.get(f"/api/tasks/{claimed.pk}/claim-done/", **token)
    assert (wrong_method.status_code, wrong_method["Content-Type"]) == (
        405,
        "application/problem+json",
    )
    wrong_type = client.post(
        f"/api/tasks/{claimed.pk}/send-back/", "why", content_type="text/plain", **token
    )
    assert (wrong_type.status_code, wrong_type.json()["title"]) == (415, "Unsupported media type")
    assert Task.objects.get(pk=claimed.pk).status == "claimed"
