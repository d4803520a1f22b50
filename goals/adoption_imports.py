"""Adoption values from a spreadsheet: columns department (its code), measure, month,
value (row 1 holds these keys, in any order). All or nothing, as the goal's import: every
row is checked, the report names each refused row by its number, and unless every row is
right nothing is written. The file itself is checked as the goal's import checks it."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from core.errors import AppError
from core.sheet_rows import Records, SheetRefusals, sheet_records, text_cell
from goals.adoption import adoption_record, month_check, require_adoption_recorder
from goals.adoption_selectors import measures_by_name
from goals.imports import (
    ImportReport,
    RowResult,
    _check_file,
    _value,
    all_or_nothing,
    row_error,
)
from goals.models import AdoptionMeasure
from goals.services import GoalError
from roles.models import Department
from roles.selectors.people import departments_of_rollout
from rollout.models import Rollout

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import User

HEADERS = ("department", "measure", "month", "value")
MAX_ROWS = 2000


@dataclass
class _Parsed:
    result: RowResult
    department: Department | None = None
    measure: AdoptionMeasure | None = None
    month: date | None = None
    value: Decimal | None = None


def adoption_import(
    *, by: "User", rollout: Rollout, upload: UploadedFile | IO[bytes]
) -> ImportReport:
    """Record each row's value, or none at all. A file that is not such a spreadsheet
    raises GoalError; the rows' problems are in the report."""
    _check_file(upload)
    records = _read(upload)
    measures = measures_by_name(rollout=rollout)
    departments = {d.code.casefold(): d for d in departments_of_rollout(rollout=rollout)}
    seen: dict[tuple[int, int, date], int] = {}
    parsed = [
        _parse(number, record, measures, departments, seen, by, rollout)
        for number, record in records
    ]

    def write(row: _Parsed) -> None:
        if row.measure and row.department and row.month and row.value is not None:
            adoption_record(
                by=by,
                measure=row.measure,
                department=row.department,
                month=row.month,
                value=row.value,
            )

    return all_or_nothing(parsed, write)


def _read(upload: UploadedFile | IO[bytes]) -> Records:
    refusals = SheetRefusals(
        error=GoalError,
        unreadable=_("This file cannot be read as an Excel workbook (.xlsx)."),
        missing=_(
            "Row 1 lacks the columns: %(columns)s. Row 1 holds department, measure, month, value."
        ),
        too_many=_("The file has more than %(max)s rows; split it into smaller files."),
        empty=_("The file has no values: fill in at least one row under the headers."),
    )
    return sheet_records(upload, required=HEADERS, max_rows=MAX_ROWS, refusals=refusals)


def _parse(
    number: int,
    record: dict[str, Any],
    measures: dict[str, AdoptionMeasure],
    departments: dict[str, Department],
    seen: dict[tuple[int, int, date], int],
    by: "User",
    rollout: Rollout,
) -> _Parsed:
    name = text_cell(record.get("measure"))
    code = text_cell(record.get("department"))
    row = _Parsed(result=RowResult(number=number, measure=f"{code} · {name}"))

    def error(column: str, message: str) -> None:
        row_error(row.result, column, message)

    row.department = departments.get(code.casefold())
    if row.department is None:
        error("department", _("no department “%(code)s” on this rollout.") % {"code": code})
    else:
        try:
            require_adoption_recorder(by, rollout, row.department)
        except AppError as refusal:
            error("department", str(refusal))
    row.measure = measures.get(name.casefold())
    if row.measure is None:
        error("measure", _("this rollout has no measure “%(name)s”.") % {"name": name})
    try:
        row.month = _month(record.get("month"))
    except ValueError as failure:
        error("month", str(failure))
    try:
        row.value = _value(record.get("value"))
    except ValueError as failure:
        error("value", str(failure))
    if row.month is not None and row.value is not None:
        try:
            row.month = month_check(month=row.month, value=row.value)
        except AppError as refusal:
            error("month", str(refusal))
    if row.measure and row.department and row.month:
        key = (row.measure.pk, row.department.pk, row.month)
        earlier = seen.setdefault(key, number)
        if earlier != number:
            error("month", _("row %(row)s already gives this month's value.") % {"row": earlier})
    return row


def _month(value: Any) -> date:
    """A date cell (any day of the month), or text written as YYYY-MM."""
    if isinstance(value, datetime):
        return value.date().replace(day=1)
    if isinstance(value, date):
        return value.replace(day=1)
    text = text_cell(value)
    if not text:
        raise ValueError(_("give the month."))
    try:
        return datetime.strptime(text[:7], "%Y-%m").date()
    except ValueError:
        raise ValueError(
            _("“%(value)s” is not a month; write it as YYYY-MM, e.g. 2027-03.") % {"value": text}
        ) from None
