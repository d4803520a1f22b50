"""Work's part of My work (core.waiting): the claims a department's middle manager has to
verify, and the tasks due soon or overdue for their assignees. Registered from
WorkConfig.ready(). One query a kind, however many rollouts or tasks.

The four-qualities reviews have no due date in this app (a manager writes at most one a
member and month, whenever they choose), so they list nothing here."""

from datetime import date, datetime, timedelta

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.waiting import WaitingItem, register_waiting
from roles.models import Role, User
from roles.selectors.people import holds_role
from rollout.permissions import holds_rollout_permission
from work.models import Task

# A task shows in its assignees' My work from this many days before it is due: two weeks,
# the horizon a person plans their own work on.
DUE_WITHIN_DAYS = 14


def claims_to_verify(person: User) -> QuerySet[Task]:
    """Tasks claimed done in the departments the person manages (work.services.may_verify,
    for every rollout at once)."""
    return (
        Task.objects.filter(status=Task.Status.CLAIMED)
        .filter(holds_role(person, Role.MANAGER, department_field="department_id"))
        .filter(holds_rollout_permission(person, "verify_work"))
    )


def tasks_due(person: User) -> QuerySet[Task]:
    """The person's tasks (work.services.may_log) not yet claimed or verified, due within
    DUE_WITHIN_DAYS or overdue."""
    return (
        Task.objects.filter(
            assignees=person.pk,
            due_date__lte=timezone.localdate() + timedelta(days=DUE_WITHIN_DAYS),
        )
        .exclude(status__in=[Task.Status.VERIFIED, Task.Status.CLAIMED])
        .filter(holds_rollout_permission(person, "log_work"))
    )


def _item(
    task: Task, action: str, since: datetime, url: str, *, kind: str, due: date | None = None
) -> WaitingItem:
    return WaitingItem(
        kind=kind,
        action=action,
        subject=task.title,
        rollout_name=task.rollout.name,
        since=since,
        url=url,
        due=due,
    )


def _claim_items(ids: list[int]) -> list[WaitingItem]:
    action = _("Verify the claim or send it back")
    return [
        _item(
            task,
            action,
            task.claimed_at or task.created_at,
            reverse("work:task_detail", args=[task.rollout_id, task.pk]) + "#verify-heading",
            kind="claim",
        )
        for task in Task.objects.filter(pk__in=ids).select_related("rollout")
    ]


def _task_items(ids: list[int]) -> list[WaitingItem]:
    action = _("Finish the task and claim it done")
    return [
        _item(
            task,
            action,
            task.created_at,
            reverse("work:my_tasks", args=[task.rollout_id]) + f"#task-{task.pk}",
            kind="task",
            due=task.due_date,
        )
        for task in Task.objects.filter(pk__in=ids).select_related("rollout")
    ]


def waiting_register() -> None:
    """Called from WorkConfig.ready()."""
    register_waiting("claim", _claim_items, pending=claims_to_verify)
    register_waiting("task", _task_items, pending=tasks_due)
