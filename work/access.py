"""One access call per task, carrying the level it needs: `access_task(user, rollout, pk,
to="log")` answers 404 for a task the person cannot see and 403 for one they see but may
not act on at that level, and marks the task so that the service does not ask again."""

from typing import TYPE_CHECKING, Literal

from django.core.exceptions import PermissionDenied

from core.checked import mark_checked
from rollout.models import Rollout
from work import services as work
from work.models import Task
from work.permissions import get_task_for_user

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import User

TaskLevel = Literal["read", "log", "verify", "plan"]


def access_task(user: "User", rollout: Rollout, pk: int, *, to: TaskLevel = "read") -> Task:
    task = get_task_for_user(user, rollout, pk)
    if to == "read":
        return task
    if not _may(user, task, to):
        raise PermissionDenied
    mark_checked(task, user.pk, to)
    return task


def _may(user: "User", task: Task, level: TaskLevel) -> bool:
    if level == "log":
        return work.may_log(user, task)
    if level == "verify":
        return work.may_verify(user, task)
    return work.may_plan_for(user, task.rollout, task.department_id)
