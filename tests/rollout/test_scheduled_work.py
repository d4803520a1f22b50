"""Scheduled work runs without Redis: a real Celery worker on kombu's filesystem
transport (the embedded mode of `make run`) executes the beat's heartbeat task."""

import os
import time
from datetime import timedelta

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from celery.schedules import crontab
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

import rollout.tasks  # registers the shared task on every app
from config import celery_filesystem
from demo.keys import demo_rollout
from notifications import tasks as notification_tasks
from rollout.models import Heartbeat


def test_beat_schedules_the_heartbeat_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["heartbeat"]
    assert entry == {"task": "rollout.tasks.heartbeat", "schedule": 60.0}


def test_beat_deletes_expired_sessions_daily_and_keeps_live_ones(db):
    entry = settings.CELERY_BEAT_SCHEDULE["clear-expired-sessions"]
    assert entry["task"] == rollout.tasks.clear_expired_sessions.name
    assert entry["schedule"] == crontab(hour=3, minute=30)
    now = timezone.now()
    for key, expires in (
        ("expired", now - timedelta(minutes=1)),
        ("live", now + timedelta(days=1)),
    ):
        Session.objects.create(session_key=key, session_data="", expire_date=expires)
    rollout.tasks.clear_expired_sessions()
    rollout.tasks.clear_expired_sessions()  # once more: nothing left to delete, nothing breaks
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]


def test_running_the_heartbeat_twice_keeps_one_row(db):
    rollout.tasks.heartbeat()
    rollout.tasks.heartbeat()
    assert Heartbeat.objects.count() == 1


def filesystem_app(tmp_path) -> Celery:
    """A Celery app on kombu's filesystem transport: the embedded mode of `make run`."""
    queue, processed = tmp_path / "queue", tmp_path / "processed"
    queue.mkdir()
    processed.mkdir()
    app = Celery("filesystem-test", set_as_current=False)
    app.conf.update(
        broker_url="filesystem://",
        broker_transport=celery_filesystem.Transport,
        broker_transport_options={
            "data_folder_in": str(queue),
            "data_folder_out": str(queue),
            "processed_folder": str(processed),
            "control_folder": str(tmp_path / "control"),
        },
        task_ignore_result=True,
        task_always_eager=False,
        worker_hijack_root_logger=False,
    )
    return app


# Waits are on conditions; these caps only turn a hang into a failure. A busy 2-core machine
# once took 9 s for one dispatch, so they are far above what a run needs.
WAIT_CAP_SECONDS = 300
# How long start_worker may wait for the worker thread to finish the task it is running.
SHUTDOWN_CAP_SECONDS = 120


def wait_for(condition, seconds: float = WAIT_CAP_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up after {seconds} s"
        time.sleep(0.2)


@pytest.mark.django_db(transaction=True)
def test_a_worker_on_the_filesystem_transport_runs_it(tmp_path, client):
    app = filesystem_app(tmp_path)
    with start_worker(app, perform_ping_check=False, shutdown_timeout=SHUTDOWN_CAP_SECONDS):
        app.tasks["rollout.tasks.heartbeat"].delay()
        wait_for(Heartbeat.objects.exists)
    assert Heartbeat.objects.filter(name="scheduler").exists()
    assert client.get(reverse("healthz")).json()["scheduler_last_seen"] is not None


def test_beat_dispatches_reminders_every_minute_and_sweeps_often():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["dispatch-reminders"]["task"] == "roles.tasks.dispatch_reminders"
    assert schedule["dispatch-reminders"]["schedule"] <= 60
    assert schedule["sweep-reminders"]["task"] == "roles.tasks.sweep_reminders"


@pytest.mark.django_db(transaction=True)
def test_reminders_reach_the_bell_through_a_worker_without_redis(tmp_path, client):
    from django.core.management import call_command

    from gates.models import DecisionMailing
    from notifications.models import Notification
    from notifications.services.reminders import NewReminder, reminders_put
    from roles.models import User
    from tests.notifications.spare_keys import spare_key

    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    member1 = User.objects.get(username="member1")
    key = spare_key(1).key
    reminders_put(
        [
            NewReminder(
                spare_key(1),
                member1.pk,
                demo_rollout("crm").pk,
                "/",
                {},
            )
        ]
    )
    app = filesystem_app(tmp_path)
    with start_worker(app, perform_ping_check=False, shutdown_timeout=SHUTDOWN_CAP_SECONDS):
        app.tasks[notification_tasks.dispatch_reminders.name].delay()
        # The whole task, not just its first part: it also renders and mails the demo's
        # decisions, and the worker must not be stopped in the middle of that.
        wait_for(
            lambda: (
                Notification.objects.filter(reminder__key=key).exists()
                and not DecisionMailing.objects.filter(sent_at__isnull=True).exists()
            )
        )
    assert Notification.objects.filter(reminder__key=key, recipient=member1).count() == 1


def test_the_dispatch_task_run_twice_sends_once(db, demo, crm):
    from notifications.models import Notification
    from notifications.services.reminders import NewReminder, reminders_put
    from notifications.tasks import dispatch_reminders
    from tests.notifications.spare_keys import spare_key

    reminders_put([NewReminder(spare_key(1), demo["member1"].pk, crm.pk, "/", {})])
    dispatch_reminders.apply()
    dispatch_reminders.apply()
    assert Notification.objects.filter(reminder__key=spare_key(1).key).count() == 1
