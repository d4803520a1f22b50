"""A task's activity thread: its history as discussion's neutral entries, and the Target
through which discussion reaches a task (registered from WorkConfig.ready()).

The history is composed from TASK_HISTORY_SOURCES: each source reads a task loaded with
selectors.task_with_history (its logs, reviews and assignees already fetched, so a source
costs no query) and yields entries. Another record of the task's past (its edits, say)
becomes one more source in that list."""

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from discussion.models import CommentTarget
from discussion.targets import Target, register_target
from discussion.thread import ThreadEntry
from rollout.models import Rollout
from work import selectors
from work.access import access_task
from work.history_selectors import task_history as edit_history
from work.models import Task, TaskReview


def _created(task: Task) -> Iterator[ThreadEntry]:
    yield ThreadEntry(task.created_at, "", _("Task created"))


def _logs(task: Task) -> Iterator[ThreadEntry]:
    for log in task.logs.all():
        if log.is_correction:
            text = _("Corrected the hours by %(hours)s: %(note)s")
        else:
            text = _("Logged %(hours)s h, progress %(progress)s %%")
            if log.note:
                text = f"{text}: %(note)s"
        values = {"hours": log.hours, "progress": log.progress, "note": log.note}
        yield ThreadEntry(log.created_at, str(log.member), text % values)


def _claim(task: Task) -> Iterator[ThreadEntry]:
    if task.claimed_at is not None:
        yield ThreadEntry(task.claimed_at, "", _("Claimed done"))


def _reviews(task: Task) -> Iterator[ThreadEntry]:
    for review in task.reviews.all():
        text = review.get_outcome_display()
        if review.outcome == TaskReview.Outcome.SENT_BACK and review.reason:
            text = f"{text}: {review.reason}"
        yield ThreadEntry(review.created_at, str(review.reviewer), text)


def _edits(task: Task) -> Iterator[ThreadEntry]:
    """What was changed after planning (work.edit_services): one query, the change rows."""
    for change in edit_history(task):
        text = _("Changed %(field)s from “%(before)s” to “%(after)s”") % {
            "field": change.field_label,
            "before": change.before_text,
            "after": change.after_text,
        }
        if change.reason:  # a gate's Recycle reopening the task says why
            text = _("%(what)s: %(reason)s") % {"what": text, "reason": change.reason}
        yield ThreadEntry(change.changed_at, str(change.changed_by), text)


TaskHistorySource = Callable[[Task], Iterable[ThreadEntry]]
TASK_HISTORY_SOURCES: list[TaskHistorySource] = [_created, _logs, _claim, _reviews, _edits]


def task_history(task: Task) -> list[ThreadEntry]:
    return [entry for source in TASK_HISTORY_SOURCES for entry in source(task)]


def task_target(task: Task, rollout: Rollout, viewer: Any) -> Target:
    """The task (read with selectors.task_with_history) of the rollout resolved for a
    person who may see it, as discussion's target."""
    return Target(
        kind=CommentTarget.TASK,
        pk=task.pk,
        rollout=rollout,
        viewer_id=viewer.pk,
        url=reverse("work:task_detail", args=[rollout.pk, task.pk]),
        label=lambda: task.title,
        history=lambda: task_history(task),
    )


def _resolve(user: Any, rollout: Rollout, pk: int) -> Target:
    """Work's own access call: everyone who sees the rollout reads its tasks (404 otherwise)."""
    task = selectors.task_with_history(task=access_task(user, rollout, pk))
    return task_target(task, rollout, user)


def discussion_register() -> None:
    register_target(CommentTarget.TASK, _resolve)
