"""Every write about the work of a rollout: objectives, workstreams, tasks, logs, claims
and their verification. Each checks who may do it, validates, and writes in one transaction."""

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.checked import was_checked
from core.errors import AppError, NotAllowed
from core.validation import relation_fields, saved
from notifications.reminder_keys import TaskDueKey, TaskOverdueKey
from notifications.services.reminders import reminders_withdraw
from roles import selectors as role_selectors
from rollout.models import Rollout
from rollout.permissions import holds_rollout_permission, rollout_permission_names
from webhooks.emission import webhook_event_put
from webhooks.models import WebhookEvent
from work.change_records import changes_record, tasks_text
from work.change_records import hours_text as hours_text  # the one rendering of hours
from work.evidence_files import StoredEvidence, evidence_discard, evidence_store
from work.models import (
    HOURS_IN_A_DAY,
    Evidence,
    Objective,
    Task,
    TaskChange,
    TaskLog,
    TaskReview,
    Workstream,
)
from work.policies import changes_planned_task, plans_for_every_department
from work.upload_checks import EvidenceError
from work.webhook_data import task_verified_data

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from django.contrib.auth.models import AnonymousUser

    from roles.models import User


class WorkError(AppError):
    """A rule about the work was broken; the message is meant for the person who tried."""


class WorkNotAllowed(WorkError, NotAllowed):
    """The person sees the work but may not do this (403)."""


def _require(user: "User", perm: str, rollout: Rollout, message: str) -> None:
    if not user.has_perm(f"rollout.{perm}", rollout):
        raise WorkError(message)


def may_plan_for(user: "User", rollout: Rollout, department_id: int) -> bool:
    try:
        require_department_planner(user, rollout, department_id)
    except WorkError:
        return False
    return True


def refuse_verified(tasks: Iterable[Task]) -> None:
    """A verified task is done and its plan is no longer changed (work.policies); the
    refusal names every such task."""
    done = [task for task in tasks if not changes_planned_task(task.status)]
    if done:
        raise WorkError(
            _("Verified tasks are done and are not changed: %(tasks)s.")
            % {"tasks": ", ".join(f"“{task}”" for task in done)}
        )


def require_department_planner(user: "User", rollout: Rollout, department_id: int) -> None:
    """The executive plans for every department; a middle manager only for their own."""
    _require(user, "plan_work", rollout, _("Only the executive and middle managers plan work."))
    if plans_for_every_department(rollout_permission_names(user, rollout)):
        return
    if department_id not in role_selectors.managed_department_ids(user=user, rollout=rollout):
        raise WorkError(_("You can only plan work for the department you manage."))


@transaction.atomic
def objective_create(
    *,
    by: "User",
    rollout: Rollout,
    department_id: int,
    title: str,
    target: str,
    due_date: date,
) -> Objective:
    require_department_planner(by, rollout, department_id)
    objective = Objective(
        rollout=rollout,
        department_id=department_id,
        title=title,
        target=target,
        due_date=due_date,
        created_by=by,
    )
    return saved(objective, WorkError)


@transaction.atomic
def workstream_create(
    *,
    by: "User",
    rollout: Rollout,
    name: str,
    description: str = "",
    is_core: bool = False,
    department_ids: Iterable[int] = (),
) -> Workstream:
    _require(by, "plan_work", rollout, _("Only the executive and middle managers plan work."))
    workstream = Workstream(rollout=rollout, name=name, description=description, is_core=is_core)
    saved(workstream, WorkError)
    workstream.departments.set(list(department_ids))
    return workstream


@transaction.atomic
def task_create(
    *,
    by: "User",
    rollout: Rollout,
    title: str,
    workstream: Workstream,
    department_id: int,
    assignees: Sequence["User"],
    due_date: date,
    estimate_hours: Decimal,
    priority: int = Task.Priority.NORMAL,
    description: str = "",
    objective: Objective | None = None,
    blocked_by: Sequence[Task] = (),
) -> Task:
    require_department_planner(by, rollout, department_id)
    require_placement(rollout, workstream, objective, department_id)
    require_members(rollout, assignees)
    task = Task(
        rollout=rollout,
        title=title,
        description=description,
        workstream=workstream,
        objective=objective,
        department_id=department_id,
        due_date=due_date,
        estimate_hours=estimate_hours,
        priority=priority,
        created_by=by,
    )
    saved(task, WorkError)
    task.assignees.set(assignees)
    for blocker in blocked_by:
        _dependency_add(task, blocker)
    return task


def require_placement(
    rollout: Rollout, workstream: Workstream, objective: Objective | None, department_id: int
) -> None:
    """A task's workstream and objective are its rollout's, the objective its department's."""
    if workstream.rollout_id != rollout.pk:
        raise WorkError(_("That workstream belongs to another rollout."))
    if objective is not None and objective.rollout_id != rollout.pk:
        raise WorkError(_("That objective belongs to another rollout."))
    if objective is not None and objective.department_id != department_id:
        raise WorkError(_("The objective belongs to another department than the task."))


def require_members(rollout: Rollout, assignees: Sequence["User"]) -> None:
    """A task goes to one or more of the rollout's active implementation members."""
    members = role_selectors.active_member_ids(rollout=rollout, people=[p.pk for p in assignees])
    require_members_among(members, assignees)


def require_members_among(members: set[int], assignees: Sequence["User"]) -> None:
    """require_members with the rollout's active members read already (an import reads
    them once for all its rows)."""
    if not assignees:
        raise WorkError(_("Assign the task to at least one implementation member."))
    outsiders = [str(p) for p in assignees if p.pk not in members]
    if outsiders:
        raise WorkError(
            _("Not implementation members of this rollout: %(names)s.")
            % {"names": ", ".join(outsiders)}
        )


@transaction.atomic
def task_dependency_add(*, by: "User", task: Task, blocker: Task) -> None:
    """One more task this one waits for, kept in its history like any other edit."""
    if not was_checked(task, by.pk, "plan"):
        require_department_planner(by, task.rollout, task.department_id)
    refuse_verified([task])
    waiting_for = list(task.blocked_by.all())
    _dependency_add(task, blocker)
    if any(other.pk == blocker.pk for other in waiting_for):
        return  # it already waited for that one: nothing changed
    changes_record(
        TaskChange,
        by=by,
        rollout_id=task.rollout_id,
        subject={"task": task},
        before={"blocked_by": tasks_text(waiting_for)},
        after={"blocked_by": tasks_text([*waiting_for, blocker])},
    )


def _dependency_add(task: Task, blocker: Task) -> None:
    dependency_check(task, blocker)
    task.blocked_by.add(blocker)


def dependency_check(task: Task, blocker: Task) -> None:
    """May the task wait for `blocker`: of the same rollout, and no cycle."""
    if blocker.rollout_id != task.rollout_id:
        raise WorkError(_("A task can only wait for tasks of the same rollout."))
    if blocker.pk == task.pk or waits_for(blocker, task):
        raise WorkError(
            _("“%(task)s” cannot wait for “%(blocker)s”: that would make a cycle.")
            % {"task": task, "blocker": blocker}
        )


def waits_for(start: Task, target: Task) -> bool:
    """Does `start` (directly or through others) wait for `target`? One query per level."""
    frontier, seen = {start.pk}, {start.pk}
    through = Task.blocked_by.through
    while frontier:
        nxt = set(
            through.objects.filter(from_task_id__in=frontier).values_list("to_task_id", flat=True)
        )
        if target.pk in nxt:
            return True
        frontier = nxt - seen
        seen |= nxt
    return False


def loggable_by(user: "User | AnonymousUser") -> Q:
    """Members log only on the tasks assigned to them, holding "log work" on the task's
    rollout (directly or through a group; a superuser holds every permission), as a filter
    on tasks: the access read asks it in the same query as the task, where has_perm and the
    assignee check took three queries more."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    assigned = Q(Exists(Task.assignees.through.objects.filter(task=OuterRef("pk"), user=user.pk)))
    if user.is_superuser:
        return assigned
    return assigned & holds_rollout_permission(user, "log_work")


def may_log(user: "User", task: Task) -> bool:
    """Members log only on the tasks assigned to them (loggable_by), in one query."""
    return Task.objects.filter(loggable_by(user), pk=task.pk).exists()


def _require_assignee(by: "User", task: Task) -> None:
    if not was_checked(task, by.pk, "log") and not may_log(by, task):
        raise WorkError(_("You can only log work on tasks assigned to you."))


def _day_total(member: "User", work_date: date) -> Decimal:
    total = TaskLog.objects.filter(member=member, work_date=work_date).aggregate(t=Sum("hours"))
    return total["t"] or Decimal("0")


def _lock_task_and_person(task: Task, member: "User") -> Task:
    """The task read again and locked, with the person's row, in one statement: the log's
    writes start from the task as it is now, and two logs of the same person on one day
    must not both pass the 24-hour check (the second waits for the first to commit). A log
    and a correction both lock in this order, task then person, so they cannot deadlock
    (the correction's hours reach the task through a trigger, which would otherwise lock
    the task after the person). Where the database has no FOR UPDATE OF
    (SQLite, whose write transactions already run one at a time), a plain read."""
    if not connection.features.has_select_for_update_of:
        return Task.objects.get(pk=task.pk)
    quote = connection.ops.quote_name
    people = get_user_model()._meta
    # Only our own table and column names go into the text; the ids are parameters.
    sql = (
        f"SELECT t.* FROM {quote(Task._meta.db_table)} t, {quote(people.db_table)} p "  # noqa: S608
        f"WHERE t.{quote(Task._meta.pk.column)} = %s AND p.{quote(people.pk.column)} = %s "
        "FOR UPDATE OF t, p"
    )
    found = list(Task.objects.raw(sql, [task.pk, member.pk]))
    if not found:
        raise Task.DoesNotExist
    return found[0]


def task_log_create(
    *,
    by: "User",
    task: Task,
    work_date: date,
    hours: Decimal,
    progress: int,
    note: str = "",
    evidence: Sequence[UploadedFile] = (),
) -> TaskLog:
    """The evidence files are stored before the transaction opens: an upload to object
    storage lasts as long as the file takes to travel, and must not hold the task's and the
    person's row locks meanwhile. A log refused after that deletes them again."""
    _require_assignee(by, task)
    if hours <= 0:
        raise WorkError(_("Hours must be more than 0."))
    if work_date > timezone.localdate():
        raise WorkError(_("You cannot log work for a day that has not come yet."))
    if not 0 <= progress <= 100:
        raise WorkError(_("Progress is a percentage from 0 to 100."))
    try:
        stored = evidence_store(evidence)
    except EvidenceError as error:
        raise WorkError(str(error)) from error
    try:
        return _task_log_write(
            by=by,
            task=task,
            work_date=work_date,
            hours=hours,
            progress=progress,
            note=note,
            evidence=stored,
        )
    except BaseException:
        evidence_discard(stored)
        raise


@transaction.atomic
def _task_log_write(
    *,
    by: "User",
    task: Task,
    work_date: date,
    hours: Decimal,
    progress: int,
    note: str,
    evidence: Sequence[StoredEvidence],
) -> TaskLog:
    task = _lock_task_and_person(task, by)
    if task.status == Task.Status.VERIFIED:
        raise WorkError(_("This task is verified done; add a correction instead."))
    already = _day_total(by, work_date)
    if already + hours > HOURS_IN_A_DAY:
        raise WorkError(
            _(
                "That would make %(total)s hours on %(day)s; a day has 24. "
                "You have %(left)s hours left to log that day."
            )
            % {
                "total": hours_text(already + hours),
                "day": work_date,
                "left": hours_text(HOURS_IN_A_DAY - already),
            }
        )
    log = TaskLog(
        task=task, member=by, work_date=work_date, hours=hours, progress=progress, note=note
    )
    # The service has already checked the values and fetched the related rows itself, so
    # the per-field existence and constraint queries (six on every log) are skipped; the
    # database still enforces both.
    saved(log, WorkError, exclude=relation_fields(log), validate_constraints=False)
    for file in evidence:
        Evidence.objects.create(
            log=log,
            file=file.name,
            original_name=file.original_name,
            content_type=file.content_type,
            size=file.size,
        )
    task.progress = progress
    fields = ["progress"]
    if task.status in (Task.Status.OPEN, Task.Status.SENT_BACK):
        task.status = Task.Status.IN_PROGRESS
        fields.append("status")
    task.save(update_fields=fields)
    return log


def may_correct(user: "User", log: TaskLog) -> bool:
    """Only the member who logged the work corrects it."""
    return log.member_id == user.pk


@transaction.atomic
def task_log_correct(*, by: "User", log: TaskLog, hours_change: Decimal, reason: str) -> TaskLog:
    """A new entry that adds or removes hours from an earlier one; the earlier one stays."""
    if not may_correct(by, log):
        raise WorkNotAllowed(_("You can only correct your own entries."))
    if log.is_correction:
        raise WorkError(_("Correct the original entry, not a correction."))
    if not reason.strip():
        raise WorkError(_("Say what the correction is for."))
    if hours_change == 0:
        raise WorkError(_("A correction changes the hours by something other than 0."))
    task = _lock_task_and_person(log.task, by)
    corrected_total = log.hours + (log.corrections.aggregate(t=Sum("hours"))["t"] or Decimal("0"))
    if corrected_total + hours_change < 0:
        raise WorkError(
            _("The entry has %(hours)s hours; it cannot lose more than that.")
            % {"hours": hours_text(corrected_total)}
        )
    if _day_total(by, log.work_date) + hours_change > HOURS_IN_A_DAY:
        raise WorkError(
            _("That would make more than 24 hours on %(day)s.") % {"day": log.work_date}
        )
    correction = TaskLog(
        task=task,
        member=by,
        work_date=log.work_date,
        hours=hours_change,
        progress=task.progress,
        note=reason,
        corrects=log,
    )
    return saved(correction, WorkError)


def blockers_not_done(task: Task) -> list[Task]:
    return list(task.blocked_by.exclude(status=Task.Status.VERIFIED).order_by("title"))


@transaction.atomic
def task_claim_done(*, by: "User", task: Task) -> Task:
    """Marking done is a claim; the department's manager verifies it or sends it back."""
    _require_assignee(by, task)
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.status in (Task.Status.CLAIMED, Task.Status.VERIFIED):
        raise WorkError(_("This task is already claimed done."))
    waiting = blockers_not_done(task)
    if waiting:
        raise WorkError(
            _("This task still waits for: %(tasks)s.")
            % {"tasks": ", ".join(f"“{t}”" for t in waiting)}
        )
    task.status = Task.Status.CLAIMED
    task.claimed_at = timezone.now()
    task.progress = 100
    task.save(update_fields=["status", "claimed_at", "progress"])
    # The reminders about this work are over; their notifications show it as done.
    reminders_withdraw(about=[TaskDueKey.about(task.pk), TaskOverdueKey.about(task.pk)])
    return task


def may_verify(user: "User", task: Task) -> bool:
    """Only the middle manager of the task's department verifies or sends it back."""
    managed = role_selectors.managed_department_ids(user=user, rollout=task.rollout)
    return user.has_perm("rollout.verify_work", task.rollout) and task.department_id in managed


def _require_verifier(by: "User", task: Task) -> None:
    if not was_checked(task, by.pk, "verify") and not may_verify(by, task):
        raise WorkError(_("Only the middle manager of the task's department can verify it."))


def _review(by: "User", task: Task, outcome: str, reason: str) -> Task:
    _require_verifier(by, task)
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.status != Task.Status.CLAIMED:
        raise WorkError(_("Only a task claimed done can be verified or sent back."))
    review = TaskReview(task=task, reviewer=by, outcome=outcome, reason=reason.strip())
    saved(review, WorkError)
    if outcome == TaskReview.Outcome.VERIFIED:
        task.status = Task.Status.VERIFIED
        task.verified_at = timezone.now()
    else:
        task.status = Task.Status.SENT_BACK
    task.save(update_fields=["status", "verified_at"])
    return task


@transaction.atomic
def task_verify(*, by: "User", task: Task) -> Task:
    task = _review(by, task, TaskReview.Outcome.VERIFIED, "")
    webhook_event_put(
        rollout_id=task.rollout_id, event=WebhookEvent.TASK_VERIFIED,
        key=f"task-verified:{task.pk}:{task.verified_at}",
        data=lambda: task_verified_data(task, by),
    )  # fmt: skip
    return task


@transaction.atomic
def task_send_back(*, by: "User", task: Task, reason: str) -> Task:
    if not reason.strip():
        raise WorkError(_("Say why the task is sent back, so the member knows what to fix."))
    return _review(by, task, TaskReview.Outcome.SENT_BACK, reason)
