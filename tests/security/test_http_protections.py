"""Protections every page shares (issue #11, "found by an outside probe", item 4): signed-in
answers are never cached, an idle session ends, a request too large is refused before it
is read."""

import time

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from core.middleware import LAST_SEEN
from demo.data import DEMO_PASSWORD
from tests.test_security_settings import settings_with
from tests.work.work_data import log_with_evidence
from work.models import TaskLog
from work.upload_checks import MAX_BYTES, MAX_FILES

pytestmark = pytest.mark.django_db


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


# --- Cache-Control: no-store ------------------------------------------------------------


def test_a_signed_in_page_is_never_stored(client, demo, crm):
    client.force_login(demo["member1"])
    response = client.get(reverse("staffing:staffing", args=[crm.pk]))
    assert response.status_code == 200
    assert {"no-store", "private"} <= cache_control(response)


def test_an_export_is_never_stored(client, demo, crm):
    client.force_login(demo["member1"])
    response = client.get(reverse("work:tasks_export", args=[crm.pk, "xlsx"]))
    assert response.status_code == 200
    assert "no-store" in cache_control(response)


def test_an_evidence_download_is_never_stored(client, demo, crm, member1_task):
    evidence = log_with_evidence(client, demo["member1"], member1_task, "notes.txt")
    response = client.get(reverse("work:evidence_download", args=[crm.pk, evidence.pk]))
    assert "no-store" in cache_control(response)


# --- idle sessions ----------------------------------------------------------------------


def idle_for(client, seconds: int) -> None:
    session = client.session
    session[LAST_SEEN] = int(time.time()) - seconds
    session.save()


def test_a_session_idle_past_the_timeout_is_signed_out(client, demo):
    client.force_login(demo["member1"])
    idle_for(client, settings.SESSION_IDLE_TIMEOUT + 1)
    response = client.get(reverse("gates:home"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("roles:login"))
    assert "without activity" in response.content.decode()
    assert not response.context["user"].is_authenticated


def test_a_session_used_within_the_timeout_stays_signed_in(client, demo):
    client.force_login(demo["member1"])
    idle_for(client, settings.SESSION_IDLE_TIMEOUT - 60)
    assert client.get(reverse("gates:home")).status_code == 200
    # The visit counts as activity: the clock starts again.
    assert time.time() - client.session[LAST_SEEN] < settings.SESSION_IDLE_TIMEOUT / 2


def test_signing_in_starts_the_idle_clock(client, demo):
    before = int(time.time())
    client.post(reverse("roles:login"), {"username": "member1", "password": DEMO_PASSWORD})
    assert client.session[LAST_SEEN] >= before


def test_the_idle_timeout_is_set_from_the_environment():
    out = settings_with(
        {"DJANGO_SESSION_IDLE_MINUTES": "30"},
        "print(s.SESSION_IDLE_TIMEOUT, s.SESSION_COOKIE_AGE >= s.SESSION_IDLE_TIMEOUT)",
    )
    assert out == "1800 True"


# --- the size of a request --------------------------------------------------------------


def test_a_request_larger_than_the_cap_is_refused_before_it_is_read(
    client, demo, crm, member1_task
):
    task = member1_task
    client.force_login(demo["member1"])
    url = reverse("work:task_log", args=[crm.pk, task.pk])
    # Declared larger than the cap: the body is never read, so a small one stands in.
    response = client.generic(
        "POST", url, b"x", content_type="application/octet-stream",
        CONTENT_LENGTH=str(settings.ROLLOUT_MAX_REQUEST_BYTES + 1),
    )  # fmt: skip
    assert response.status_code == 413
    assert "Too much at once" in response.content.decode()
    assert not TaskLog.objects.filter(task=task).exists()


@override_settings(ROLLOUT_MAX_REQUEST_BYTES=1000)
def test_a_real_upload_over_the_cap_is_refused_and_nothing_written(client, demo, crm, member1_task):
    task = member1_task
    client.force_login(demo["member1"])
    response = client.post(
        reverse("work:task_log", args=[crm.pk, task.pk]),
        {"work_date": timezone.localdate().isoformat(), "hours": "1", "progress": "10",
         "evidence": SimpleUploadedFile("notes.txt", b"x" * 2000)},
    )  # fmt: skip
    assert response.status_code == 413
    assert not TaskLog.objects.filter(task=task).exists()


def test_the_413_page_speaks_the_persons_language(client, demo, crm):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = client.generic(
        "POST", reverse("roles:login"), b"x", content_type="application/octet-stream",
        CONTENT_LENGTH=str(settings.ROLLOUT_MAX_REQUEST_BYTES + 1),
    )  # fmt: skip
    assert response.status_code == 413
    assert "一次发送的内容太多" in response.content.decode()


def test_the_cap_lets_every_evidence_file_a_log_may_carry_through():
    assert settings.ROLLOUT_MAX_REQUEST_BYTES > MAX_FILES * MAX_BYTES
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES >= MAX_FILES
