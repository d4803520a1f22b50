"""Changing many tasks of the board at once: one new assignee or one new due date for every
selected task, all or nothing (one transaction: a write that fails late undoes the earlier
ones). The same rules, history and words to the people concerned as a task edited alone
(work.edit_services), but written in batches: a fixed number of queries whatever the number
of tasks, so the row locks taken first are held briefly. The tasks are read and locked in
one query, checked in Python, changed in one update, and their change records, history rows
and notifications are each one insert."""

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notifications.reminder_keys import TaskDueKey, TaskOverdueKey
from notifications.services.notifications import NewNotification, notifications_send
from notifications.services.reminders import reminders_withdraw
from roles import selectors as role_selectors
from rollout.models import Rollout
from rollout.permissions import rollout_permission_names
from work.change_records import date_text, people_text
from work.edit_services import assignment_notices
from work.models import Task, TaskChange
from work.policies import plans_for_every_department
from work.services import WorkError, refuse_verified

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import User

# One page of the board is 25 rows; a bulk change never names more than a few pages.
MOST_TASKS = 200


def _bulk_tasks(by: "User", rollout: Rollout, task_ids: Sequence[int]) -> list[Task]:
    """The selected tasks with their assignees, locked, once each is known to be the
    person's to plan and not done; a refusal names every task refused."""
    wanted = set(task_ids)
    if not wanted:
        raise WorkError(_("Select at least one task."))
    if len(wanted) > MOST_TASKS:
        raise WorkError(_("Change at most %(most)s tasks at once.") % {"most": MOST_TASKS})
    rights = rollout_permission_names(by, rollout)
    if "plan_work" not in rights:
        raise WorkError(_("Only the executive and middle managers plan work."))
    tasks = list(
        Task.objects.select_for_update(of=("self",))
        .filter(rollout=rollout, pk__in=wanted)
        .prefetch_related("assignees")
        .order_by("pk")
    )
    if len(tasks) != len(wanted):
        raise WorkError(_("Some of the selected tasks are not tasks of this rollout."))
    if not plans_for_every_department(rights):
        managed = role_selectors.managed_department_ids(user=by, rollout=rollout)
        others = [t for t in tasks if t.department_id not in managed]
        if others:
            raise WorkError(
                _("You can only plan work for the department you manage; not yours: %(tasks)s.")
                % {"tasks": ", ".join(f"“{t}”" for t in others)}
            )
    refuse_verified(tasks)
    return tasks


def _record(by: "User", rollout: Rollout, field: str, changes: list[tuple[Task, str, str]]) -> None:
    """One change record per task (task, before, after), in one insert, as
    work.change_records.changes_record writes them for one task."""
    now = timezone.now()
    rows = [
        TaskChange(
            rollout_id=rollout.pk,
            task=task,
            changed_by=by,
            changed_at=now,
            field=field,
            before=before,
            after=after,
        )
        for task, before, after in changes
    ]
    if rows:
        TaskChange.objects.bulk_create(rows)


@transaction.atomic
def tasks_reassign(
    *, by: "User", rollout: Rollout, task_ids: Sequence[int], assignee: "User"
) -> int:
    """Every selected task goes to `assignee` alone, an active implementation member of
    the rollout; nothing changes if any task or the assignee is refused. How many changed."""
    tasks = _bulk_tasks(by, rollout, task_ids)
    if assignee.pk not in role_selectors.active_member_ids(rollout=rollout, people=[assignee.pk]):
        raise WorkError(
            _("Not implementation members of this rollout: %(names)s.") % {"names": assignee}
        )
    before = {task.pk: list(task.assignees.all()) for task in tasks}
    moved = [task for task in tasks if [p.pk for p in before[task.pk]] != [assignee.pk]]
    if moved:
        # The assignees' table, not Task.assignees.set() per task: two statements for all.
        # No history row: the task's own row (its simple_history) does not hold assignees.
        through = Task.assignees.through
        through.objects.filter(task_id__in=[task.pk for task in moved]).delete()
        through.objects.bulk_create(through(task_id=task.pk, user_id=assignee.pk) for task in moved)
    after = people_text([assignee])
    _record(by, rollout, "assignees", [(t, people_text(before[t.pk]), after) for t in moved])
    notices: list[NewNotification] = []
    for task in moved:
        due = date_text(task.due_date)
        notices += assignment_notices(by, task, before[task.pk], [assignee], due)
    notifications_send(notices)
    return len(tasks)


@transaction.atomic
def tasks_redate(*, by: "User", rollout: Rollout, task_ids: Sequence[int], due_date: date) -> int:
    """Every selected task is due on `due_date`; nothing changes if any task is refused.
    How many changed."""
    tasks = _bulk_tasks(by, rollout, task_ids)
    moved = [task for task in tasks if task.due_date != due_date]
    before = {task.pk: date_text(task.due_date) for task in moved}
    if moved:
        Task.objects.filter(pk__in=[task.pk for task in moved]).update(due_date=due_date)
        for task in moved:
            task.due_date = due_date
        # The audit trail's version of each task (gates.selectors.audit), as save() writes.
        Task.history.bulk_history_create(moved, update=True, default_user=by)
        reminders_withdraw(
            about=[key.about(task.pk) for task in moved for key in (TaskDueKey, TaskOverdueKey)]
        )
    after = date_text(due_date)
    _record(by, rollout, "due_date", [(t, before[t.pk], after) for t in moved])
    assignees = {task.pk: list(task.assignees.all()) for task in moved}
    notifications_send(
        [
            notice
            for task in moved
            for notice in assignment_notices(
                by, task, assignees[task.pk], assignees[task.pk], before[task.pk]
            )
        ]
    )
    return len(tasks)


def changed_message(count: int) -> str:
    return ngettext("%(count)s task changed.", "%(count)s tasks changed.", count) % {"count": count}
