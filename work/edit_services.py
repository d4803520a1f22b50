"""Editing what was planned: a task, an objective, a workstream. One service per edit, each
all-or-nothing: it checks who may make it, refuses bad input with the reason, refuses an
edit made on a form opened before someone else saved (the form's `version`), saves, keeps
one history row per field it changed, and tells the assignees what concerns them.

Who may edit (the "plan" level, as for adding in work.services):
- a task or an objective: the executive, any; a department's middle manager, those of the
  departments they manage, and only to move them to another department they manage;
- a workstream: the executive, any; a middle manager, one that crosses no department but
  theirs, before and after the edit (work.policies.edits_workstream).

`changes` holds only the fields to change (`{"due_date": ...}`). A bulk change of selected
tasks (work.bulk_services) writes the same rows in batches, with the same rules
(work.services.refuse_verified) and the same words to the people concerned
(`assignment_notices`)."""

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core.checked import was_checked
from core.validation import saved, validated
from notifications.reminder_keys import TaskDueKey, TaskOverdueKey
from notifications.services.notifications import NewNotification, notifications_send
from notifications.services.reminders import reminders_withdraw
from roles import selectors as role_selectors
from rollout.models import Rollout
from rollout.permissions import rollout_permission_names
from work.change_records import (
    Values,
    changes_record,
    date_text,
    department_text,
    departments_text,
    hours_text,
    objective_values,
    people_text,
    task_values,
    tasks_text,
    values_version,
    workstream_values,
)
from work.models import Objective, ObjectiveChange, Task, TaskChange, Workstream, WorkstreamChange
from work.policies import edits_workstream
from work.services import (
    WorkError,
    WorkNotAllowed,
    dependency_check,
    refuse_verified,
    require_department_planner,
    require_members,
    require_placement,
)

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import Department, User


class EditConflict(WorkError):
    """Changed by someone else since the form was opened: nothing was saved."""


class TaskChanges(TypedDict, total=False):
    title: str
    description: str
    workstream: Workstream
    objective: Objective | None
    department: "Department"
    assignees: Sequence["User"]
    due_date: date
    estimate_hours: Decimal
    priority: int
    blocked_by: Sequence[Task]


class ObjectiveChanges(TypedDict, total=False):
    title: str
    target: str
    department: "Department"
    due_date: date


class WorkstreamChanges(TypedDict, total=False):
    name: str
    description: str
    is_core: bool
    departments: Sequence["Department"]


def refuse_stale(version: str | None, current: str, what: object) -> None:
    """EditConflict unless the form's `version` is the `current` one; None: not asked."""
    if version is not None and version != current:
        raise EditConflict(
            _(
                "“%(what)s” was changed by someone else after you opened this form, so "
                "nothing was saved. The form keeps what you typed: check it against the "
                "history below and save again."
            )
            % {"what": what}
        )


def _require_planner(by: "User", rollout: Rollout, department_id: int) -> None:
    """The person may edit what belongs to the department, or is refused with NotAllowed:
    they see it, the edit is not theirs (403)."""
    try:
        require_department_planner(by, rollout, department_id)
    except WorkError as refusal:
        raise WorkNotAllowed(str(refusal)) from refusal


def _changed(before: Values, after: Values, fields: Iterable[str]) -> list[str]:
    return [field for field in fields if after[field] != before[field]]


def _text(value: str, missing: str) -> str:
    """A name or a title, trimmed; refused when nothing is left."""
    text = value.strip()
    if not text:
        raise WorkError(missing)
    return text


# --- tasks ---------------------------------------------------------------------------

TASK_ROW_FIELDS = (
    "title",
    "description",
    "department",
    "objective",
    "workstream",
    "due_date",
    "estimate_hours",
    "priority",
)


def task_version(task: Task) -> str:
    """What an edit form of the task carries, to be refused if the task changes meanwhile."""
    return values_version(task_values(task))


@transaction.atomic
def task_update(
    *, by: "User", task: Task, changes: TaskChanges, version: str | None = None
) -> list[TaskChange]:
    """Apply `changes` to the task, or nothing at all; returns the history rows written
    (none when nothing differed). `version`: what the form was opened on (task_version)."""
    rollout = task.rollout
    locked = (
        Task.objects.select_for_update(of=("self",))
        .select_related("department", "objective", "workstream")
        .prefetch_related("assignees", "blocked_by")
        .get(pk=task.pk)
    )
    # The view's access check holds for the department it checked, not one moved meanwhile.
    if not was_checked(task, by.pk, "plan") or locked.department_id != task.department_id:
        _require_planner(by, rollout, locked.department_id)
    refuse_verified([locked])
    before = task_values(locked)
    refuse_stale(version, values_version(before), locked)
    old_assignees = list(locked.assignees.all())
    after = dict(before)
    _task_row(by, rollout, locked, changes, after)
    assignees = _task_assignees(rollout, changes, after) or old_assignees
    blockers = _task_blockers(locked, changes, after)
    row = _changed(before, after, TASK_ROW_FIELDS)
    if row:
        excluded = [f.name for f in Task._meta.fields if f.name not in row]
        validated(locked, WorkError, exclude=excluded)
        locked.save(update_fields=row)
    if after["assignees"] != before["assignees"]:
        locked.assignees.set(assignees)
    if blockers is not None and after["blocked_by"] != before["blocked_by"]:
        locked.blocked_by.set(blockers)
    rows = changes_record(
        TaskChange,
        by=by,
        rollout_id=rollout.pk,
        subject={"task": locked},
        before=before,
        after=after,
    )
    _tell_assignees(by, locked, old_assignees, assignees, before["due_date"])
    return rows


def _task_row(
    by: "User", rollout: Rollout, task: Task, changes: TaskChanges, after: Values
) -> None:
    """The changes to the task's own row, set on `task` and read into `after`."""
    if "department" in changes and changes["department"].pk != task.department_id:
        require_department_planner(by, rollout, changes["department"].pk)
        task.department = changes["department"]
        after["department"] = department_text(task.department)
    if "workstream" in changes:
        task.workstream = changes["workstream"]
        after["workstream"] = task.workstream.name
    if "objective" in changes:
        task.objective = changes["objective"]
        after["objective"] = task.objective.title if task.objective else ""
    require_placement(rollout, task.workstream, task.objective, task.department_id)
    if "title" in changes:
        task.title = _text(changes["title"], _("Give the task a title."))
        after["title"] = task.title
    if "description" in changes:
        task.description = after["description"] = changes["description"].strip()
    if "due_date" in changes:
        task.due_date = changes["due_date"]
        after["due_date"] = date_text(task.due_date)
    if "estimate_hours" in changes:
        task.estimate_hours = changes["estimate_hours"]
        after["estimate_hours"] = hours_text(task.estimate_hours)
    if "priority" in changes:
        task.priority = changes["priority"]
        after["priority"] = str(task.priority)


def _task_assignees(rollout: Rollout, changes: TaskChanges, after: Values) -> list["User"]:
    """The new assignees, checked; none when they are not changed."""
    if "assignees" not in changes:
        return []
    assignees = list(changes["assignees"])
    require_members(rollout, assignees)
    after["assignees"] = people_text(assignees)
    return assignees


def _task_blockers(task: Task, changes: TaskChanges, after: Values) -> list[Task] | None:
    """The tasks it is to wait for, checked (same rollout, no cycle); None: not changed."""
    if "blocked_by" not in changes:
        return None
    blockers = list(changes["blocked_by"])
    already = {blocker.pk for blocker in task.blocked_by.all()}
    for blocker in blockers:
        if blocker.pk not in already:  # the old ones were checked when they were added
            dependency_check(task, blocker)
    after["blocked_by"] = tasks_text(blockers)
    return blockers


def _tell_assignees(
    by: "User", task: Task, old: list["User"], assignees: list["User"], due_before: str
) -> None:
    """Tell who is concerned (assignment_notices); when the due date moved, the reminders
    about the old date are withdrawn."""
    notifications_send(assignment_notices(by, task, old, assignees, due_before))
    if date_text(task.due_date) != due_before:
        reminders_withdraw(about=[TaskDueKey.about(task.pk), TaskOverdueKey.about(task.pk)])


def assignment_notices(
    by: "User", task: Task, old: Sequence["User"], assignees: Sequence["User"], due_before: str
) -> list[NewNotification]:
    """What a task's edit tells its people, each in their language: who is newly assigned,
    with the due date; who is no longer assigned, so nobody keeps working on a task taken
    from them; the assignees kept, when the due date moved. Nobody is told of their own
    edit. No query: the caller writes them, one insert for however many tasks."""
    url = reverse("work:task_detail", args=[task.rollout_id, task.pk])
    kept = {person.pk for person in old}
    staying = {person.pk for person in assignees}
    due = date_text(task.due_date)
    title = task.title

    def tell(people: Iterable["User"], text: Callable[[], str]) -> list[NewNotification]:
        return [NewNotification(person, text, url) for person in people if person.pk != by.pk]

    notices = tell(
        (person for person in assignees if person.pk not in kept),
        lambda: (
            _("You are now assigned the task “%(task)s”, due on %(due)s.")
            % {"task": title, "due": due}
        ),
    )
    notices += tell(
        (person for person in old if person.pk not in staying),
        lambda: (
            _("You are no longer assigned the task “%(task)s”; %(by)s changed it.")
            % {"task": title, "by": by}
        ),
    )
    if due != due_before:
        notices += tell(
            (person for person in assignees if person.pk in kept),
            lambda: (
                _("The due date of your task “%(task)s” moved from %(before)s to %(after)s.")
                % {"task": title, "before": due_before, "after": due}
            ),
        )
    return notices


# --- objectives ----------------------------------------------------------------------


def objective_version(objective: Objective) -> str:
    return values_version(objective_values(objective))


@transaction.atomic
def objective_update(
    *, by: "User", objective: Objective, changes: ObjectiveChanges, version: str | None = None
) -> list[ObjectiveChange]:
    """Apply `changes` to the objective, or nothing at all; returns the history rows."""
    rollout = objective.rollout
    locked = (
        Objective.objects.select_for_update(of=("self",))
        .select_related("department")
        .get(pk=objective.pk)
    )
    if not was_checked(objective, by.pk, "plan") or locked.department_id != objective.department_id:
        _require_planner(by, rollout, locked.department_id)
    before = objective_values(locked)
    refuse_stale(version, values_version(before), locked)
    after = dict(before)
    if "department" in changes and changes["department"].pk != locked.department_id:
        department = changes["department"]
        require_department_planner(by, rollout, department.pk)
        if locked.tasks.exclude(department=department).exists():
            raise WorkError(
                _(
                    "Tasks of %(department)s count toward this objective: give them another "
                    "objective before moving it."
                )
                % {"department": locked.department}
            )
        locked.department = department
        after["department"] = department_text(department)
    if "title" in changes:
        locked.title = after["title"] = _text(changes["title"], _("Give the objective a title."))
    if "target" in changes:
        missing = _("Say how everyone will know the objective is reached.")
        locked.target = after["target"] = _text(changes["target"], missing)
    if "due_date" in changes:
        locked.due_date = changes["due_date"]
        after["due_date"] = date_text(locked.due_date)
    if not _changed(before, after, after):
        return []
    taken = _("This rollout already has an objective with that title.")
    saved(locked, WorkError, clash=taken)
    return changes_record(
        ObjectiveChange,
        by=by,
        rollout_id=rollout.pk,
        subject={"objective": locked},
        before=before,
        after=after,
    )


# --- workstreams ---------------------------------------------------------------------


def workstream_version(workstream: Workstream) -> str:
    return values_version(workstream_values(workstream))


def may_edit_workstream(
    user: "User", workstream: Workstream, departments: Iterable[int] | None = None
) -> bool:
    """`departments`: the ones it is to cross after the edit; its own when None."""
    if departments is None:
        departments = (d.pk for d in workstream.departments.all())
    rights = rollout_permission_names(user, workstream.rollout)
    managed = role_selectors.managed_department_ids(user=user, rollout=workstream.rollout)
    return edits_workstream(rights, managed=managed, crossed=set(departments))


@transaction.atomic
def workstream_update(
    *,
    by: "User",
    workstream: Workstream,
    changes: WorkstreamChanges,
    version: str | None = None,
) -> list[WorkstreamChange]:
    """Apply `changes` to the workstream, or nothing at all; returns the history rows."""
    locked = (
        Workstream.objects.select_for_update(of=("self",))
        .select_related("rollout")
        .prefetch_related("departments")
        .get(pk=workstream.pk)
    )
    if not was_checked(workstream, by.pk, "plan") and not may_edit_workstream(by, locked):
        raise WorkNotAllowed(
            _(
                "Only the executive, or the middle manager of every department it crosses, "
                "changes a workstream."
            )
        )
    before = workstream_values(locked)
    refuse_stale(version, values_version(before), locked)
    after = dict(before)
    departments = None
    if "departments" in changes:
        departments = list(changes["departments"])
        if not may_edit_workstream(by, locked, (d.pk for d in departments)):
            raise WorkError(_("You can only make a workstream cross departments you manage."))
        _refuse_walls_left_behind(locked, departments)
        after["departments"] = departments_text(departments)
    if "name" in changes:
        locked.name = after["name"] = _text(changes["name"], _("Give the workstream a name."))
    if "description" in changes:
        locked.description = after["description"] = changes["description"].strip()
    if "is_core" in changes:
        locked.is_core = changes["is_core"]
        after["is_core"] = "1" if locked.is_core else "0"
    changed = _changed(before, after, after)
    if not changed:
        return []
    taken = _("This rollout already has a workstream with that name.")
    saved(locked, WorkError, clash=taken)
    if departments is not None and "departments" in changed:
        locked.departments.set(departments)
    return changes_record(
        WorkstreamChange,
        by=by,
        rollout_id=locked.rollout_id,
        subject={"workstream": locked},
        before=before,
        after=after,
    )


def _refuse_walls_left_behind(workstream: Workstream, departments: Sequence["Department"]) -> None:
    """A hand-off goes between departments the workstream crosses (work.wall_services):
    a department one of its hand-offs goes from or to stays until that hand-off changes."""
    kept = {department.pk for department in departments}
    pairs = workstream.handoffs.values_list("from_department_id", "to_department_id")
    used = {pk for pair in pairs for pk in pair}
    dropped = [str(d) for d in workstream.departments.all() if d.pk in used - kept]
    if dropped:
        raise WorkError(
            _(
                "Hand-offs of this workstream go from or to %(departments)s: change them on "
                "the Walls page before the workstream stops crossing it."
            )
            % {"departments": ", ".join(sorted(dropped))}
        )
