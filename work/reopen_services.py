"""Reopening done work: a gate's Recycle names tasks to redo; those claimed or verified
done go back to open, each with a row in its history saying why, and every assignee of a
named task is told in their own language. The gates app calls this inside the decision's
transaction (it may import work; work never imports gates)."""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services.notifications import NewNotification, notifications_send
from roles import selectors as role_selectors
from rollout.models import Rollout
from work.models import Task, TaskChange
from work.services import WorkError, WorkNotAllowed

if TYPE_CHECKING:  # only for the annotations
    from roles.models import User

# Work claimed or verified done is what a Recycle takes back; work not done yet is already
# open to be (re)done, and naming it is refused rather than silently skipped.
DONE = (Task.Status.CLAIMED, Task.Status.VERIFIED)


@transaction.atomic
def tasks_reopen(
    *, by: "User", rollout: Rollout, tasks: Sequence[Task], reason: str, gate_name: str
) -> list[Task]:
    """Reopen the named tasks of the rollout (each claimed or verified done)."""
    if not role_selectors.is_executive(person=by, rollout=rollout):
        raise WorkNotAllowed(_("Only the rollout's executive sends work back to be redone."))
    if not reason.strip():
        raise WorkError(_("Say why the work is redone."))
    ids = {task.pk for task in tasks}
    named = list(
        Task.objects.select_for_update(of=("self",))
        .filter(pk__in=ids, rollout=rollout)
        .prefetch_related("assignees")
        .order_by("pk")
    )
    if len(named) != len(ids):
        raise WorkError(_("Name only tasks of this rollout."))
    not_done = [task for task in named if task.status not in DONE]
    if not_done:
        raise WorkError(
            _("Only work claimed or verified done is reopened, not: %(tasks)s.")
            % {"tasks": ", ".join(f"“{task.title}”" for task in not_done)}
        )
    reopened = named
    now = timezone.now()
    TaskChange.objects.bulk_create(
        TaskChange(
            rollout=rollout,
            task=task,
            changed_by=by,
            changed_at=now,
            field=TaskChange.Field.STATUS,
            before=task.status,
            after=Task.Status.OPEN,
            reason=reason.strip(),
        )
        for task in reopened
    )
    for task in reopened:
        # Saved one by one (a recycle names a handful): each save keeps its row in the
        # task's audit history too, with the reason.
        task.status, task.progress = Task.Status.OPEN, 0
        task.claimed_at = task.verified_at = None
        task._change_reason = reason.strip()  # type: ignore[attr-defined]  # simple_history reads it
        task.save(update_fields=["status", "claimed_at", "verified_at", "progress"])
    notifications_send(
        [
            NewNotification(person, _redo_text(task, gate_name, reason.strip()), _url(task))
            for task in named
            for person in task.assignees.all()
            if person.pk != by.pk  # nobody is told of their own decision
        ]
    )
    return reopened


def _url(task: Task) -> str:
    return reverse("work:task_detail", args=[task.rollout_id, task.pk])


def _redo_text(task: Task, gate_name: str, reason: str) -> Callable[[], str]:
    # Called once per recipient inside their language by notifications_send.
    return lambda: (
        _(
            "The executive's decision at the gate “%(gate)s” sends your task “%(task)s” back "
            "to be redone: %(reason)s"
        )
        % {"gate": gate_name, "task": task.title, "reason": reason}
    )
