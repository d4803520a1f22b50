"""Reading one task, log or evidence file of a rollout: 404 for what is not there or not in
that rollout (the same answer for both). Resolve the rollout first with
rollout.permissions.get_rollout_for_user."""

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.http import Http404

from rollout.models import Rollout
from work.models import Evidence, Task, TaskLog


def get_task_for_user(user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int) -> Task:
    """A task of a rollout the caller may see (resolve the rollout first); 404 otherwise.
    Everyone in a rollout reads its tasks; what they may do is checked by the services."""
    task = (
        Task.objects.select_related("rollout", "workstream", "department")
        .filter(rollout=rollout, pk=pk)
        .first()
    )
    if task is None:
        raise Http404
    return task


def get_log_for_user(user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int) -> TaskLog:
    log = (
        TaskLog.objects.select_related("task", "task__rollout")
        .filter(task__rollout=rollout, pk=pk)
        .first()
    )
    if log is None:
        raise Http404
    return log


def get_evidence_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int
) -> Evidence:
    evidence = Evidence.objects.filter(log__task__rollout=rollout, pk=pk).first()
    if evidence is None:
        raise Http404
    return evidence
