"""Changing many tasks of the board at once: one new assignee or one new due date for every
selected task, all or nothing. Each task's change goes through `record_task_change`, the one
point where a change to a task is recorded in its history."""

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from roles import selectors as role_selectors
from rollout.models import Rollout
from rollout.permissions import rollout_permission_names
from work.models import Task
from work.policies import plans_for_every_department
from work.services import WorkError

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import User

# One page of the board is 25 rows; a bulk change never names more than a few pages.
MOST_TASKS = 200


def record_task_change(*, task: Task, by: "User", field: str, old: str, new: str) -> None:
    """Keep one change of a task in its history: who, when, which field, from what to what.

    The single per-task "record change" point of the bulk service: it writes a row of the
    task's history (django-simple-history) with the person and a change reason. When the
    task edit history lands (a change-record model in work), rewire this function to it."""
    task._change_reason = f"{field}: {old} → {new}"  # type: ignore[attr-defined]  # read by simple_history
    Task.history.bulk_history_create([task], update=True, default_user=by)


def _bulk_tasks(by: "User", rollout: Rollout, task_ids: Sequence[int]) -> list[Task]:
    """The selected tasks, locked, once each is known to be the person's to plan; a refusal
    names every task that is not."""
    wanted = set(task_ids)
    if not wanted:
        raise WorkError(_("Select at least one task."))
    if len(wanted) > MOST_TASKS:
        raise WorkError(_("Change at most %(most)s tasks at once.") % {"most": MOST_TASKS})
    rights = rollout_permission_names(by, rollout)
    if "plan_work" not in rights:
        raise WorkError(_("Only the executive and middle managers plan work."))
    tasks = list(
        Task.objects.select_for_update()
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
    done = [t for t in tasks if t.status == Task.Status.VERIFIED]
    if done:
        raise WorkError(
            _("Verified tasks are done and are not changed: %(tasks)s.")
            % {"tasks": ", ".join(f"“{t}”" for t in done)}
        )
    return tasks


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
    through = Task.assignees.through
    through.objects.filter(task_id__in=[t.pk for t in tasks]).delete()
    through.objects.bulk_create(through(task_id=t.pk, user_id=assignee.pk) for t in tasks)
    for task in tasks:
        before = ", ".join(sorted(str(p) for p in task.assignees.all()))
        record_task_change(task=task, by=by, field="assignees", old=before, new=str(assignee))
    return len(tasks)


@transaction.atomic
def tasks_redate(*, by: "User", rollout: Rollout, task_ids: Sequence[int], due_date: date) -> int:
    """Every selected task is due on `due_date`; nothing changes if any task is refused.
    How many changed."""
    tasks = _bulk_tasks(by, rollout, task_ids)
    Task.objects.filter(pk__in=[t.pk for t in tasks]).update(due_date=due_date)
    for task in tasks:
        before = task.due_date
        task.due_date = due_date
        record_task_change(
            task=task, by=by, field="due_date", old=before.isoformat(), new=due_date.isoformat()
        )
    return len(tasks)


def changed_message(count: int) -> str:
    return ngettext("%(count)s task changed.", "%(count)s tasks changed.", count) % {"count": count}
