"""The Celery tasks moved from roles/tasks.py to notifications/tasks.py under the names
they had: beat's schedule and messages already queued call them by those names."""

from django.conf import settings

from config.celery import app


def test_it_registers_every_task_beat_schedules():
    app.loader.import_default_modules()  # runs autodiscover_tasks, as a worker's start does
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled - set(app.tasks) == set()


def test_it_keeps_the_names_the_tasks_had_in_roles():
    from notifications import tasks

    names = [
        t.name for t in (tasks.dispatch_reminders, tasks.sweep_reminders, tasks.send_email_digests)
    ]
    assert names == [
        "roles.tasks.dispatch_reminders",
        "roles.tasks.sweep_reminders",
        "roles.tasks.send_email_digests",
    ]


def test_it_acks_late_and_retries_every_task_on_database_and_network_errors():
    from django.db import DatabaseError

    from notifications import tasks

    for task in (tasks.dispatch_reminders, tasks.sweep_reminders, tasks.send_email_digests):
        assert (task.acks_late, task.autoretry_for, task.max_retries) == (
            True,
            (DatabaseError, OSError),
            8,
        )
