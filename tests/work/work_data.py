"""Bulk test data for the work pages: many tasks and logs, fast, for query-count tests."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from roles.models import User
from rollout.models import Rollout
from tests.query_counts import get_cached_page, get_page
from work import services as work
from work.models import Evidence, Task, TaskLog, TaskReview, Workstream


def log_with_evidence(client: Client, person: User, task: Task, name: str) -> Evidence:
    """The person logs an hour on the task from its page with one file named `name`; the
    evidence that made."""
    client.force_login(person)
    client.post(
        reverse("work:task_log", args=[task.rollout_id, task.pk]),
        {"work_date": timezone.localdate().isoformat(), "hours": "1", "progress": "10",
         "evidence": SimpleUploadedFile(name, b"met the sales team")},
    )  # fmt: skip
    return TaskLog.objects.filter(task=task).latest("pk").evidence.get()


def add_tasks(rollout: Rollout, member: User, count: int, *, logs_each: int = 1) -> list[Task]:
    """`count` tasks of the member's department assigned to the member, in every status,
    each with logs, some waiting for another, some sent back."""
    workstream = Workstream.objects.filter(rollout=rollout).order_by("pk").first()
    assert workstream is not None
    today = timezone.localdate()
    statuses = ["open", "in_progress", "claimed", "sent_back", "verified"]
    tasks = Task.objects.bulk_create(
        Task(
            rollout=rollout,
            title=f"Bulk task {n}",
            workstream=workstream,
            department=member.department,
            due_date=today + timedelta(days=n % 20 - 10),
            estimate_hours=Decimal("4"),
            status=statuses[n % 5],
            verified_at=timezone.now() - timedelta(days=n % 30) if n % 5 == 4 else None,
            created_by=member,
        )
        for n in range(count)
    )
    Task.assignees.through.objects.bulk_create(
        Task.assignees.through(task_id=t.pk, user_id=member.pk) for t in tasks
    )
    Task.blocked_by.through.objects.bulk_create(
        Task.blocked_by.through(from_task_id=t.pk, to_task_id=tasks[0].pk) for t in tasks[1::7]
    )
    TaskReview.objects.bulk_create(
        TaskReview(task=t, reviewer=member, outcome="sent_back", reason="Redo the mapping.")
        for t in tasks
        if t.status == "sent_back"
    )
    TaskLog.objects.bulk_create(
        TaskLog(
            task=t,
            member=member,
            work_date=today - timedelta(days=365 + n),  # far back: no day reaches 24 hours
            hours=Decimal("0.5"),
            progress=10,
        )
        for t in tasks
        for n in range(logs_each)
    )
    return tasks


def log_work(
    member: User, task: Task, hours: str = "2.5", progress: int = 60, **extra: Any
) -> TaskLog:
    """The member logs `hours` on the task through the service, today unless `work_date`."""
    return work.task_log_create(
        by=member,
        task=task,
        work_date=extra.pop("work_date", timezone.localdate()),
        hours=Decimal(hours),
        progress=progress,
        **extra,
    )


def same_queries_at_10_and_200_tasks(
    client: Client, rollout: Rollout, member: User, url: str, expected: int, *, logs_each: int = 1
) -> None:
    """The page at `url`, as the signed-in client, runs exactly `expected` queries with 10
    of the member's tasks added to the rollout, and again with 200."""
    add_tasks(rollout, member, 10, logs_each=logs_each)
    get_page(client, url, expected)
    add_tasks(rollout, member, 190, logs_each=logs_each)
    get_page(client, url, expected)


def cached_queries_at_10_and_200_tasks(
    client: Client, rollout: Rollout, member: User, url: str, *, fresh: int, cached: int
) -> None:
    """The same for a page whose figures are in the page cache (get_cached_page): `fresh`
    queries just after a write, `cached` from the cache, at 10 and at 200 tasks with two
    logs each."""
    for count in (10, 190):
        add_tasks(rollout, member, count, logs_each=2)
        get_cached_page(client, url, rollout_id=rollout.pk, fresh=fresh, cached=cached)
