"""Tasks from a spreadsheet: the template to fill in, and the import itself.

Row 1 of the template holds machine column keys (title, due_date, ...), so one file works
whatever language the person reads. The import is all or nothing: every row is checked and
tried, the report says what is wrong with each, and unless every row is right nothing is
written."""

import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import IO, TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from simple_history.utils import bulk_create_with_history

from core.sheet_rows import Records, SheetRefusals, date_cell, sheet_records, text_cell
from core.validation import validated
from roles import selectors as role_selectors
from rollout.models import Rollout
from work.forms import TaskForm
from work.models import Objective, Task, Workstream
from work.services import (
    WorkError,
    require_department_planner,
    require_members_among,
    require_placement,
)

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import Department, User

# The columns are the task form's fields, in its order: a file fills what a person types.
TEMPLATE_HEADERS = tuple(TaskForm.Meta.fields)
# Columns a file may leave out: an empty cell and a missing column mean the same.
OPTIONAL_HEADERS = frozenset({"description", "objective", "priority", "blocked_by"})
MAX_ROWS = 2000
MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # 2,000 rows take about 200 KB; anything far larger is not ours
MAX_ESTIMATE = Decimal("999999.9")  # the most Task.estimate_hours holds
TITLE_MAX_LENGTH = 200  # Task.title's
LIST_SEPARATORS = (",", "，", ";", "；", "\n")  # for assignees: usernames have none of these
TITLE_SEPARATORS = (";", "；", "\n")  # for blocked_by: titles may contain commas


@dataclass
class RowResult:
    number: int  # as the spreadsheet numbers it: 2 is the first row under the headers
    title: str
    errors: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """What the report shows of the row (partials/import_report.html)."""
        return self.title


@dataclass
class ImportReport:
    rows: list[RowResult]
    created: int = 0

    @property
    def ok(self) -> bool:
        return all(not row.errors for row in self.rows)


@dataclass
class _Parsed:
    """A row's values, checked and resolved to objects of the rollout."""

    result: RowResult
    description: str = ""
    workstream: Workstream | None = None
    objective: Objective | None = None
    department: "Department | None" = None
    assignees: list["User"] = field(default_factory=list)
    due_date: date | None = None
    estimate_hours: Decimal | None = None
    priority: int = Task.Priority.NORMAL
    blocked_by_tasks: list[Task] = field(default_factory=list)
    blocked_by_rows: list[int] = field(default_factory=list)  # row numbers in this file


class _RollBack(Exception):
    """Raised inside the import's transaction to undo every row."""


@dataclass
class _Lookups:
    """Everything a row may name, read once (five queries) for the whole file."""

    workstreams: dict[str, Workstream]
    objectives: dict[str, Objective]
    departments: dict[str, "Department"]
    members: dict[str, "User"]
    tasks_by_title: dict[str, list[Task]]

    @classmethod
    def of(cls, rollout: Rollout) -> "_Lookups":
        tasks: dict[str, list[Task]] = defaultdict(list)
        for task in Task.objects.filter(rollout=rollout).only("pk", "title", "rollout_id"):
            tasks[task.title].append(task)
        return cls(
            workstreams={w.name: w for w in Workstream.objects.filter(rollout=rollout)},
            objectives={o.title: o for o in Objective.objects.filter(rollout=rollout)},
            departments={d.code: d for d in role_selectors.departments_of_rollout(rollout=rollout)},
            members={p.username: p for p in role_selectors.members_of_rollout(rollout=rollout)},
            tasks_by_title=tasks,
        )


# ---------------------------------------------------------------- the template


def template_xlsx(*, rollout: Rollout) -> bytes:
    """The headers, one example row, and a "help" sheet with the names the rollout knows."""
    lookups = _Lookups.of(rollout)
    department = next(iter(lookups.departments.values()), None)
    # The example's assignees come from its department, so the row is right as it stands.
    people = [
        p.username
        for p in lookups.members.values()
        if department is not None and p.department_id == department.pk
    ] or list(lookups.members)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "tasks"
    sheet.append(list(TEMPLATE_HEADERS))
    sheet.append(
        [
            _("Example: map the quotation process (replace this row)"),
            _("What is to be done, and how everyone will know it is done."),
            next(iter(lookups.workstreams), ""),
            "",
            department.code if department else "",
            ", ".join(people[:2]),
            timezone.localdate() + timedelta(days=14),
            Decimal("8"),
            Task.Priority.NORMAL.value,
            "",
        ]
    )
    _bold_first_row(sheet)
    help_sheet = workbook.create_sheet("help")
    columns: list[tuple[str, list[str]]] = [
        ("workstream", list(lookups.workstreams)),
        ("objective", list(lookups.objectives)),
        ("department", list(lookups.departments)),
        (_("Department name"), [d.name for d in lookups.departments.values()]),
        ("assignees", list(lookups.members)),
        (_("Rules"), _rules()),
    ]
    for index, (header, values) in enumerate(columns, start=1):
        help_sheet.cell(row=1, column=index, value=header)
        for row, value in enumerate(values, start=2):
            help_sheet.cell(row=row, column=index, value=value).data_type = "s"
    _bold_first_row(help_sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rules() -> list[str]:
    return [
        _("Row 1 holds the column keys; leave it as it is. One task a row, at most 2,000."),
        _("title, workstream, department, assignees, due_date, estimate_hours are required."),
        _("workstream and objective: the exact name or title as listed here."),
        _("department: the code as listed here."),
        _("assignees: usernames as listed here, separated by commas."),
        _("due_date: a date cell, or text written as YYYY-MM-DD."),
        _("estimate_hours: a number of hours more than 0, e.g. 8 or 2.5."),
        _("priority: 1 low, 2 normal, 3 high, 4 critical; empty means 2."),
        _(
            "blocked_by: titles of tasks this one waits for, separated by semicolons: tasks "
            "already in the rollout or in rows above."
        ),
        _("If any row has a problem, no task is created; fix the rows and upload again."),
    ]


def _bold_first_row(sheet: Any) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)


# ---------------------------------------------------------------- the import


def tasks_import(*, by: "User", rollout: Rollout, upload: UploadedFile | IO[bytes]) -> ImportReport:
    """Create a task for each row, or none at all. A file that cannot be read as a task
    list raises WorkError; problems in rows are in the report, each naming row and column."""
    if not by.has_perm("rollout.plan_work", rollout):
        raise WorkError(_("Only the executive and middle managers plan work."))
    records = _read(upload)
    lookups = _Lookups.of(rollout)
    parsed: list[_Parsed] = []
    rows_by_title: dict[str, list[int]] = defaultdict(list)
    for number, record in records:
        row = _parse(number, record, lookups, rows_by_title)
        parsed.append(row)
        if row.result.title:
            rows_by_title[row.result.title].append(number)
    report = ImportReport(rows=[row.result for row in parsed])
    try:
        with transaction.atomic():
            created = _create(by, rollout, parsed)
            if not report.ok:
                raise _RollBack
    except _RollBack:
        return report
    report.created = created
    return report


def _read(upload: UploadedFile | IO[bytes]) -> Records:
    """The data rows (blank ones skipped) keyed by column, with their spreadsheet numbers."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise WorkError(_("The file is larger than 5 MB; a task list is far smaller."))
    refusals = SheetRefusals(
        error=WorkError,
        unreadable=_(
            "This is not an Excel workbook (.xlsx): start from the template, save as .xlsx."
        ),
        missing=_("Row 1 lacks the columns: %(columns)s. Start from the template."),
        too_many=_("The file has more than %(max)s tasks; split it into smaller files."),
        empty=_("The file has no tasks: fill in at least one row under the headers."),
    )
    required = [h for h in TEMPLATE_HEADERS if h not in OPTIONAL_HEADERS]
    return sheet_records(upload, required=required, max_rows=MAX_ROWS, refusals=refusals)


def _parse(
    number: int, record: dict[str, Any], lookups: _Lookups, rows_by_title: dict[str, list[int]]
) -> _Parsed:
    title = _text(record.get("title"))
    row = _Parsed(result=RowResult(number=number, title=title))

    def error(column: str, message: str) -> None:
        row.result.errors.append(
            _("Row %(row)s, column “%(column)s”: %(message)s")
            % {"row": number, "column": column, "message": message}
        )

    if not title:
        error("title", _("a task needs a title."))
    elif len(title) > TITLE_MAX_LENGTH:
        error("title", _("at most %(max)s characters.") % {"max": TITLE_MAX_LENGTH})
    row.description = _text(record.get("description"))

    workstream = _text(record.get("workstream"))
    row.workstream = lookups.workstreams.get(workstream)
    if not workstream:
        error("workstream", _("name the workstream."))
    elif row.workstream is None:
        error("workstream", _("this rollout has no workstream “%(name)s”.") % {"name": workstream})

    objective = _text(record.get("objective"))
    row.objective = lookups.objectives.get(objective)
    if objective and row.objective is None:
        error("objective", _("this rollout has no objective “%(name)s”.") % {"name": objective})

    department = _text(record.get("department"))
    row.department = lookups.departments.get(department)
    if not department:
        error("department", _("give the department's code."))
    elif row.department is None:
        error(
            "department",
            _("no department with the code “%(code)s” works on this rollout.")
            % {"code": department},
        )

    usernames = _split(record.get("assignees"), LIST_SEPARATORS)
    unknown = [u for u in usernames if u not in lookups.members]
    row.assignees = [lookups.members[u] for u in usernames if u in lookups.members]
    if not usernames:
        error("assignees", _("assign at least one implementation member (their username)."))
    elif unknown:
        error(
            "assignees",
            _("not implementation members of this rollout: %(names)s.")
            % {"names": ", ".join(unknown)},
        )

    try:
        row.due_date = _date(record.get("due_date"))
    except ValueError as failure:
        error("due_date", str(failure))
    try:
        row.estimate_hours = _hours(record.get("estimate_hours"))
    except ValueError as failure:
        error("estimate_hours", str(failure))
    try:
        row.priority = _priority(record.get("priority"))
    except ValueError as failure:
        error("priority", str(failure))

    for blocker in _split(record.get("blocked_by"), TITLE_SEPARATORS):
        tasks = lookups.tasks_by_title.get(blocker, [])
        rows = rows_by_title.get(blocker, [])
        if len(tasks) + len(rows) > 1:
            error("blocked_by", _("several tasks are called “%(title)s”.") % {"title": blocker})
        elif tasks:
            row.blocked_by_tasks.append(tasks[0])
        elif rows:
            row.blocked_by_rows.append(rows[0])
        else:
            error(
                "blocked_by",
                _(
                    "no task “%(title)s” in this rollout or in the rows above "
                    "(a task can only wait for tasks above it)."
                )
                % {"title": blocker},
            )
    return row


def _create(by: "User", rollout: Rollout, parsed: Sequence[_Parsed]) -> int:
    """Check every row that passed the parse by task_create's rules, each failure becoming
    that row's error; when every row is right, write them all in a fixed number of
    statements (the tasks with their history, their assignees, what they wait for),
    whatever the number of rows."""
    planner_refusals = _planner_refusals(by, rollout, parsed)
    members = role_selectors.active_member_ids(
        rollout=rollout, people=sorted({p.pk for row in parsed for p in row.assignees})
    )
    passed: dict[int, _Parsed] = {}
    tasks: dict[int, Task] = {}
    for row in parsed:
        if row.result.errors:
            continue
        if (
            row.workstream is None
            or row.department is None
            or row.due_date is None
            or row.estimate_hours is None
        ):
            continue  # cannot happen: _parse reported the missing value as an error
        waiting_on_failed = [n for n in row.blocked_by_rows if n not in passed]
        if waiting_on_failed:
            row.result.errors.append(
                _("Row %(row)s, column “blocked_by”: it waits for row %(rows)s, which has errors.")
                % {"row": row.result.number, "rows": ", ".join(map(str, waiting_on_failed))}
            )
            continue
        task = Task(
            rollout=rollout, title=row.result.title, description=row.description,
            workstream=row.workstream, objective=row.objective, department=row.department,
            due_date=row.due_date, estimate_hours=row.estimate_hours, priority=row.priority,
            created_by=by,
        )  # fmt: skip
        try:
            refusal = planner_refusals.get(row.department.pk)
            if refusal is not None:
                raise refusal
            require_placement(rollout, row.workstream, row.objective, row.department.pk)
            require_members_among(members, row.assignees)
            # The fields' own rules, as saved() checks them for task_create. Not the foreign
            # keys (each is an object of this rollout, read above) nor the CheckConstraints
            # (the parse checked the estimate and the priority; the database stands behind
            # them), which would cost queries for every row.
            validated(
                task, WorkError, exclude=["rollout", "workstream", "objective", "department",
                "created_by"], validate_constraints=False,
            )  # fmt: skip
        except WorkError as failure:
            row.result.errors.append(
                _("Row %(row)s: %(message)s") % {"row": row.result.number, "message": failure}
            )
            continue
        passed[row.result.number] = row
        tasks[row.result.number] = task
    if len(passed) != len(parsed):
        return 0  # all or nothing: the report names what is wrong, nothing is written
    _write(by, passed, tasks)
    return len(tasks)


def _planner_refusals(
    by: "User", rollout: Rollout, parsed: Sequence[_Parsed]
) -> dict[int, WorkError]:
    """task_create's first rule, asked once per department the file names, not per row."""
    refusals = {}
    for department_id in sorted({row.department.pk for row in parsed if row.department}):
        try:
            require_department_planner(by, rollout, department_id)
        except WorkError as refusal:
            refusals[department_id] = refusal
    return refusals


def _write(by: "User", rows: dict[int, _Parsed], tasks: dict[int, Task]) -> None:
    """The checked rows, as task_create writes one: the task and its "created" history row,
    its assignees, the tasks it waits for. A task waits only for existing tasks of the
    rollout and for rows above it, which nothing waits for yet: no cycle can form, so
    task_create's cycle check has nothing to find."""
    bulk_create_with_history(list(tasks.values()), Task, default_user=by)
    Task.assignees.through.objects.bulk_create(
        Task.assignees.through(task_id=tasks[number].pk, user_id=person.pk)
        for number, row in rows.items()
        for person in row.assignees
    )
    Task.blocked_by.through.objects.bulk_create(
        Task.blocked_by.through(from_task_id=tasks[number].pk, to_task_id=blocker.pk)
        for number, row in rows.items()
        for blocker in [*row.blocked_by_tasks, *(tasks[n] for n in row.blocked_by_rows)]
    )


# ---------------------------------------------------------------- one cell


_text = text_cell


def _split(value: Any, separators: Iterable[str]) -> list[str]:
    text = _text(value)
    for separator in separators:
        text = text.replace(separator, "\n")
    return list(dict.fromkeys(part.strip() for part in text.split("\n") if part.strip()))


def _date(value: Any) -> date:
    return date_cell(value, missing=_("give the due date."))


def _hours(value: Any) -> Decimal:
    if isinstance(value, bool):
        value = None  # TRUE/FALSE is not a number of hours
    text = _text(value)
    if not text:
        raise ValueError(_("give the estimate in hours."))
    try:
        hours = Decimal(text)
    except InvalidOperation:
        hours = Decimal("NaN")
    if not hours.is_finite() or not Decimal("0") < hours <= MAX_ESTIMATE:
        raise ValueError(_("“%(value)s” is not a number of hours more than 0.") % {"value": text})
    rounded = hours.quantize(Decimal("0.1"))
    if rounded != hours:
        raise ValueError(_("“%(value)s”: at most one decimal, e.g. 2.5.") % {"value": text})
    return rounded


def _priority(value: Any) -> int:
    text = _text(value)
    if not text:
        return int(Task.Priority.NORMAL)
    if text not in {"1", "2", "3", "4"}:
        raise ValueError(
            _("“%(value)s” is not a priority; use 1 (low), 2 (normal), 3 (high) or 4 (critical).")
            % {"value": text}
        )
    return int(text)
