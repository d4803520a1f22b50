"""Scheduled work runs without Redis: a real Celery worker on kombu's filesystem
transport (the embedded mode of `make run`) executes the beat's heartbeat task."""

import time

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.urls import reverse

import rollout.tasks  # registers the shared task on every app
from rollout.models import Heartbeat


def test_beat_schedules_the_heartbeat_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["heartbeat"]
    assert entry == {"task": "rollout.tasks.heartbeat", "schedule": 60.0}


def test_running_the_heartbeat_twice_keeps_one_row(db):
    rollout.tasks.heartbeat()
    rollout.tasks.heartbeat()
    assert Heartbeat.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_worker_on_the_filesystem_transport_runs_it(tmp_path, client):
    queue, processed = tmp_path / "queue", tmp_path / "processed"
    queue.mkdir()
    processed.mkdir()
    app = Celery("filesystem-test", set_as_current=False)
    app.conf.update(
        broker_url="filesystem://",
        broker_transport_options={
            "data_folder_in": str(queue),
            "data_folder_out": str(queue),
            "processed_folder": str(processed),
        },
        task_ignore_result=True,
        task_always_eager=False,
        worker_hijack_root_logger=False,
    )
    with start_worker(app, perform_ping_check=False, shutdown_timeout=5):
        app.tasks["rollout.tasks.heartbeat"].delay()
        deadline = time.monotonic() + 15
        while not Heartbeat.objects.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    assert Heartbeat.objects.filter(name="scheduler").exists()
    assert client.get(reverse("healthz")).json()["scheduler_last_seen"] is not None
