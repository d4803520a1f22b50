"""A rollout's tasks and logs as spreadsheet rows, and those rows as xlsx or CSV bytes.

Each export reads a fixed number of queries however many rows there are. Headers and labels
come out in the active language; the data (titles, notes) stays as people wrote it."""

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from rollout.models import Rollout, TaskLog
from rollout.selectors.work import annotated_tasks

Value = str | int | Decimal | date | datetime | None
Row = list[Value]
Table = tuple[list[str], list[Row]]

# A text cell starting with one of these is run as a formula by spreadsheet programs
# (CSV injection); such text is written so that it stays text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def as_xlsx(headers: Sequence[str], rows: Sequence[Row], sheet_title: str) -> bytes:
    """One sheet: a bold, frozen header row; dates as dates and hours as numbers."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]  # Excel's limit for a sheet name
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # openpyxl took it for a formula; it is someone's text
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return f"'{value}" if value.startswith(FORMULA_STARTS) else value
    if isinstance(value, date):  # datetime too
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return str(value)


def as_csv(headers: Sequence[str], rows: Sequence[Row]) -> bytes:
    """UTF-8 with a byte-order mark: without it Excel reads Chinese as the local code page."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows([_csv_text(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
