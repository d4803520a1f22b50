"""/healthz reports the database and the broker; a broker that is down makes the app
degraded, and the pages keep working."""

import os

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_reports_ok_when_the_database_and_broker_answer(client, settings, tmp_path):
    if os.environ.get("REDIS_URL"):
        settings.CELERY_BROKER_URL = os.environ["REDIS_URL"]
    else:  # the embedded mode: the filesystem transport's folder
        settings.CELERY_BROKER_URL = "filesystem://"
        settings.CELERY_FILESYSTEM_DIR = tmp_path
        (tmp_path / "queue").mkdir()
    response = client.get(reverse("healthz"))
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "ok",
        "scheduler_last_seen": None,
    }


def test_it_reports_degraded_when_redis_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["broker"] == "down"


def test_pages_still_work_when_redis_is_unreachable(client, settings, demo):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    client.force_login(demo["ceo"])
    assert client.get(reverse("gates:home")).status_code == 200


def test_it_reports_the_filesystem_broker_down_when_its_folder_is_missing(
    client, settings, tmp_path
):
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_FILESYSTEM_DIR = tmp_path / "missing"
    assert client.get(reverse("healthz")).json()["broker"] == "down"
