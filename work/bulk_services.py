"""Changing many tasks of the board at once: one new assignee or one new due date for every
selected task, all or nothing. Each task changes through the one task edit service
(work.edit_services.task_update), so its rules, its history rows and the word to its new
assignees are the same as for a task edited alone."""

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from roles import selectors as role_selectors
from rollout.models import Rollout
from rollout.permissions import rollout_permission_names
from work.edit_services import task_update
from work.models import Task
from work.policies import plans_for_every_department
from work.services import WorkError

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import User

# One page of the board is 25 rows; a bulk change never names more than a few pages.
MOST_TASKS = 200


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
    for task in tasks:
        task_update(by=by, task=task, changes={"assignees": [assignee]})
    return len(tasks)


@transaction.atomic
def tasks_redate(*, by: "User", rollout: Rollout, task_ids: Sequence[int], due_date: date) -> int:
    """Every selected task is due on `due_date`; nothing changes if any task is refused.
    How many changed."""
    tasks = _bulk_tasks(by, rollout, task_ids)
    for task in tasks:
        task_update(by=by, task=task, changes={"due_date": due_date})
    return len(tasks)


def changed_message(count: int) -> str:
    return ngettext("%(count)s task changed.", "%(count)s tasks changed.", count) % {"count": count}
