"""What a "task.verified" webhook tells (webhooks.emission): read only when an endpoint of
the rollout wants it."""

from typing import TYPE_CHECKING, Any

from webhooks.payloads import hours, person_data, when
from work.models import Task

if TYPE_CHECKING:
    from roles.models import User


def task_verified_data(task: Task, by: "User") -> dict[str, Any]:
    return {
        "task": {
            "id": task.pk,
            "title": task.title,
            "status": task.status,
            "due_date": when(task.due_date),
            "estimate_hours": hours(task.estimate_hours),
            "hours_logged": hours(task.hours_logged),
            "verified_at": when(task.verified_at),
            "workstream": task.workstream_id,
            "department": task.department_id,
            "assignees": [person_data(p) for p in task.assignees.order_by("pk")],
        },
        "verified_by": person_data(by),
    }
