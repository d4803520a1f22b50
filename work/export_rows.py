"""A rollout's tasks and logs as spreadsheet rows (core.exports turns them into xlsx or CSV).

Each export reads a fixed number of queries however many rows there are. Headers and labels
come out in the active language; the data (titles, notes) stays as people wrote it."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import Row, Table
from rollout.models import Rollout
from work.models import TaskLog
from work.selectors import annotated_tasks


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _local(moment: datetime) -> datetime:
    """Local wall-clock time without a zone: Excel has no time zones, so it would refuse one."""
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


def task_rows(*, rollout: Rollout) -> Table:
    """One row per task; two queries (the tasks with their totals, and their assignees)."""
    headers = [
        _("ID"),
        _("Title"),
        _("Workstream"),
        _("Core process"),
        _("Objective"),
        _("Department"),
        _("Assignees"),
        _("Due date"),
        _("Estimate (hours)"),
        _("Hours logged"),
        _("Priority"),
        _("Status"),
        _("Progress (%)"),
    ]
    rows: list[Row] = [
        [
            task.pk,
            task.title,
            task.workstream.name,
            _yes_no(task.workstream.is_core),
            task.objective.title if task.objective else "",
            task.department.name,
            ", ".join(sorted(person.username for person in task.assignees.all())),
            task.due_date,
            task.estimate_hours,
            task.hours_logged,
            str(task.get_priority_display()),
            str(task.get_status_display()),
            task.progress,
        ]
        for task in annotated_tasks(rollout)
    ]
    return headers, rows


def log_rows(*, rollout: Rollout) -> Table:
    """One row per log entry, corrections included, oldest first; one query."""
    headers = [
        _("Task ID"),
        _("Task title"),
        _("Member"),
        _("Date worked"),
        _("Hours"),
        _("Progress (%)"),
        _("Note"),
        _("Correction of"),
        _("Logged at"),
    ]
    logs = (
        TaskLog.objects.filter(task__rollout=rollout)
        .select_related("task", "member")
        .order_by("work_date", "created_at", "pk")
    )
    rows: list[Row] = [
        [
            log.task_id,
            log.task.title,
            log.member.username,
            log.work_date,
            log.hours,
            log.progress,
            log.note,
            log.corrects_id,
            _local(log.created_at),
        ]
        for log in logs
    ]
    return headers, rows
