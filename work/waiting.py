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
from work.improvements import OPEN_STATUSES, ImprovementItem
from work.models import Task
from work.walls import OldWayRetirement

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


def old_ways_overdue(person: User) -> QuerySet[OldWayRetirement]:
    """The old ways the person owns, past their retire-by date and not retired, on the
    rollouts they still hold a role on (work.policies.marks_old_way_retired: the owner may
    mark them retired)."""
    return OldWayRetirement.objects.filter(
        owner=person.pk, retired_at__isnull=True, retire_by__lt=timezone.localdate()
    ).filter(holds_rollout_permission(person, "view_rollout", rollout_field="workstream__rollout"))


def _old_way_items(ids: list[int]) -> list[WaitingItem]:
    action = _("Retire the old way and mark it retired")
    old_ways = OldWayRetirement.objects.filter(pk__in=ids).select_related("workstream__rollout")
    return [
        WaitingItem(
            kind="old_way",
            action=action,
            subject=old_way.description,
            rollout_name=old_way.workstream.rollout.name,
            since=old_way.created_at,
            url=reverse("work:walls", args=[old_way.workstream.rollout_id])
            + f"#old-way-{old_way.pk}",
            due=old_way.retire_by,
        )
        for old_way in old_ways
    ]


def improvements_overdue(person: User) -> QuerySet[ImprovementItem]:
    """The backlog items the person owns, past their date and still open or in progress,
    on the rollouts they still hold a role on (work.policies.moves_improvement: the owner
    closes them)."""
    return ImprovementItem.objects.filter(
        owner=person.pk, status__in=OPEN_STATUSES, due_date__lt=timezone.localdate()
    ).filter(holds_rollout_permission(person, "view_rollout"))


def _improvement_items(ids: list[int]) -> list[WaitingItem]:
    action = _("Finish the improvement, or drop it with the reason")
    items = ImprovementItem.objects.filter(pk__in=ids).select_related("rollout")
    return [
        WaitingItem(
            kind="improvement",
            action=action,
            subject=item.title,
            rollout_name=item.rollout.name,
            since=item.created_at,
            url=reverse("work:backlog", args=[item.rollout_id]) + f"#improvement-{item.pk}",
            due=item.due_date,
        )
        for item in items
    ]


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
    register_waiting("old_way", _old_way_items, pending=old_ways_overdue)
    register_waiting("improvement", _improvement_items, pending=improvements_overdue)
