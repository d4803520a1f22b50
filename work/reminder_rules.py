"""Work's part of the reminders: its rule for the sweep (notifications.services.sweep) - a task due
within a few working days reminds its assignees, an overdue one climbs the ladder to the
department's manager and the executive. Registered from WorkConfig.ready()."""

from django.urls import reverse

from notifications.reminder_keys import ImprovementOverdueKey, TaskDueKey, TaskOverdueKey
from notifications.services.reminders import NewReminder
from notifications.services.sweep import (
    LOOK_AHEAD,
    SOON_WORKING_DAYS,
    Context,
    climb,
    sweep_rule_register,
)
from work.improvements import OPEN_STATUSES, ImprovementItem
from work.models import Task


def _tasks_due_and_overdue(context: Context) -> list[NewReminder]:
    out = []
    tasks = (
        Task.objects.filter(
            rollout_id__in=list(context.rollouts),
            due_date__lte=context.today + LOOK_AHEAD,
        )
        .exclude(status__in=[Task.Status.VERIFIED, Task.Status.CLAIMED])
        .prefetch_related("assignees")
    )
    for task in tasks:
        url = reverse("work:task_detail", args=[task.rollout_id, task.pk])
        for person in task.assignees.all():
            params: dict[str, object] = {
                "person_id": person.pk,
                "task": task.title,
                "person": str(person),
                "due": str(task.due_date),
            }
            if task.due_date < context.today:
                out += climb(
                    context,
                    task.rollout_id,
                    task.due_date,
                    TaskOverdueKey(task_id=task.pk, person_id=person.pk),
                    [
                        person.pk,
                        context.manager.get((task.rollout_id, task.department_id)),
                        context.executive.get(task.rollout_id),
                    ],
                    url,
                    params,
                )
            elif context.working_days_until(task.rollout_id, task.due_date) <= SOON_WORKING_DAYS:
                out.append(
                    NewReminder(
                        TaskDueKey(task_id=task.pk, person_id=person.pk),
                        person.pk,
                        task.rollout_id,
                        url,
                        params,
                    )
                )
    return out


def _improvements_overdue(context: Context) -> list[NewReminder]:
    """An item of a department's backlog past its date and still open or in progress
    reminds its owner, then climbs to the department's manager and the executive (a rung
    that would remind the owner again is skipped). One key per item, date and rung: once
    per due date; closing the item withdraws them (work.improvement_services)."""
    out = []
    items = ImprovementItem.objects.filter(
        rollout_id__in=list(context.rollouts),
        status__in=OPEN_STATUSES,
        due_date__lt=context.today,
    ).select_related("owner", "department")
    for item in items:
        owner = item.owner_id
        rungs = (
            context.manager.get((item.rollout_id, item.department_id)),
            context.executive.get(item.rollout_id),
        )
        params: dict[str, object] = {
            "person_id": owner,
            "person": str(item.owner),
            "task": item.title,
            "department_en": item.department.name_en,
            "department_zh_hans": item.department.name_zh_hans,
            "due": str(item.due_date),
        }
        out += climb(
            context,
            item.rollout_id,
            item.due_date,
            ImprovementOverdueKey(item_id=item.pk, due=item.due_date),
            [owner, *(person if person != owner else None for person in rungs)],
            reverse("work:backlog", args=[item.rollout_id]) + f"#improvement-{item.pk}",
            params,
        )
    return out


def reminders_register() -> None:
    """Called from WorkConfig.ready()."""
    sweep_rule_register("work.tasks_due_and_overdue", _tasks_due_and_overdue)
    sweep_rule_register("work.improvements_overdue", _improvements_overdue)
