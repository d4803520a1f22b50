"""Errors under /api/ that no REST framework view answers are problems too (RFC 9457,
application/problem+json, in the caller's language): the request-size limit's 413,
Django's own 400 for a request it refuses to read, an unknown address, a plain view's
405. Outside /api/ the pages stay HTML."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.api.conftest import bearer
from work.models import TaskLog

pytestmark = pytest.mark.django_db

PROBLEM_JSON = "application/problem+json"


def problem(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == PROBLEM_JSON
    body = json.loads(response.content)
    assert body["status"] == status
    assert body["type"] == "about:blank"
    return body


def test_an_oversized_post_is_a_413_problem(client, demo, member1_task, token_for, settings):
    settings.ROLLOUT_MAX_REQUEST_BYTES = 1024
    before = TaskLog.objects.count()
    response = client.post(
        f"/api/tasks/{member1_task.pk}/logs/",
        {"work_date": timezone.localdate().isoformat(), "hours": "2", "progress": "10",
         "note": "x" * 2048},
        content_type="application/json",
        **bearer(token_for(demo["member1"])),
    )  # fmt: skip
    body = problem(response, 413)
    assert body["title"] == "Content too large"
    assert TaskLog.objects.count() == before


def test_the_413_problem_is_in_chinese_when_asked(client, demo, member1_task, settings):
    settings.ROLLOUT_MAX_REQUEST_BYTES = 1024
    response = client.post(
        f"/api/tasks/{member1_task.pk}/logs/",
        {"note": "x" * 2048},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-Hans",
    )
    assert problem(response, 413)["title"] == "内容过大"


def test_too_many_files_is_a_400_problem(client, demo, member1_task, token_for, settings):
    files = [
        SimpleUploadedFile(f"note{i}.txt", b"x", content_type="text/plain")
        for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    ]
    response = client.post(
        f"/api/tasks/{member1_task.pk}/logs/",
        {"work_date": timezone.localdate().isoformat(), "hours": "2", "progress": "10",
         "evidence": files},
        **bearer(token_for(demo["member1"])),
    )  # fmt: skip
    body = problem(response, 400)
    assert str(settings.DATA_UPLOAD_MAX_NUMBER_FILES) in body["detail"]


def test_fields_too_large_are_a_400_problem_in_chinese(
    client, demo, member1_task, token_for, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post(
        f"/api/tasks/{member1_task.pk}/logs/",
        {"work_date": timezone.localdate().isoformat(), "hours": "2", "progress": "10",
         "note": "x" * 2048, "evidence": [SimpleUploadedFile("a.txt", b"x")]},
        HTTP_ACCEPT_LANGUAGE="zh-Hans",
        **bearer(token_for(demo["member1"])),
    )  # fmt: skip
    assert problem(response, 400)["title"] == "请求有误"


def test_an_unknown_api_address_is_a_404_problem_in_chinese(client):
    response = client.get("/api/no/such/thing/", HTTP_ACCEPT_LANGUAGE="zh-Hans")
    assert problem(response, 404)["title"] == "未找到"


def test_a_wrong_method_on_the_docs_page_is_a_405_problem_keeping_allow(client, demo):
    client.force_login(demo["member1"])
    response = client.post("/api/")
    problem(response, 405)
    assert response["Allow"] == "GET"


def test_outside_the_api_the_413_stays_a_page(client, settings):
    settings.ROLLOUT_MAX_REQUEST_BYTES = 1024
    response = client.post("/accounts/login/", {"username": "x" * 2048})
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
