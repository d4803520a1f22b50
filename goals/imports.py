"""Actual values from a spreadsheet: columns measure, date, value (row 1 holds these keys,
in any order, so one file works whatever language its author reads). All or nothing: every
row is checked, the report names each refused row by its number, and unless every row is
right nothing is written.

The file is checked as the evidence uploads are (work.upload_checks): its name says .xlsx,
its first bytes say so too, and it is small."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import IO, TYPE_CHECKING, Any, Protocol, TypeVar

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import AppError, NotAllowed
from core.sheet_rows import Records, SheetRefusals, date_cell, sheet_records, text_cell
from goals import selectors
from goals.models import GoalTarget
from goals.services import GoalError, actual_check, actual_record, require_recorder
from rollout.models import Rollout
from work.upload_checks import KINDS

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import User

HEADERS = ("measure", "date", "value")
MAX_ROWS = 2000
MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # 2,000 rows of three cells take about 60 KB


@dataclass
class RowResult:
    number: int  # as the spreadsheet numbers it: 2 is the first row under the headers
    measure: str
    errors: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """What the report shows of the row (partials/import_report.html)."""
        return self.measure


@dataclass
class ImportReport:
    rows: list[RowResult]
    recorded: int = 0

    @property
    def ok(self) -> bool:
        return all(not row.errors for row in self.rows)


class Parsed(Protocol):
    """A row as an import parsed it: its result (and whatever it will write)."""

    result: RowResult


P = TypeVar("P", bound=Parsed)


@dataclass
class _Parsed:
    result: RowResult
    target: GoalTarget | None = None
    as_of: date | None = None
    value: Decimal | None = None


def actuals_import(
    *, by: "User", rollout: Rollout, upload: UploadedFile | IO[bytes]
) -> ImportReport:
    """Record each row's value, or none at all. A file that is not such a spreadsheet
    raises GoalError; the rows' problems are in the report."""
    _check_file(upload)
    records = _read(upload)
    targets = selectors.targets_by_measure(rollout=rollout)
    seen: dict[tuple[int, date], int] = {}
    parsed = [_parse(number, record, targets, seen, by) for number, record in records]

    def write(row: _Parsed) -> None:
        if row.target is None or row.as_of is None or row.value is None:
            return  # cannot happen: _parse reported the missing value as an error
        actual_record(by=by, target=row.target, value=row.value, as_of=row.as_of)

    return all_or_nothing(parsed, write)


def all_or_nothing(parsed: Sequence[P], write: Callable[[P], None]) -> ImportReport:
    """The report of the parsed rows; only when every row is right, each one written, in
    one transaction (so a refusal half-way writes nothing either)."""
    report = ImportReport(rows=[row.result for row in parsed])
    if not report.ok:
        return report
    with transaction.atomic():
        for row in parsed:
            write(row)
    report.recorded = len(parsed)
    return report


def row_error(result: RowResult, column: str, message: str) -> None:
    """A refusal of one cell, named by the row's number and the column's key."""
    result.errors.append(
        _("Row %(row)s, column “%(column)s”: %(message)s")
        % {"row": result.number, "column": column, "message": message}
    )


def _check_file(upload: UploadedFile | IO[bytes]) -> None:
    name = getattr(upload, "name", "") or ""
    if PurePath(name).suffix.lower() != ".xlsx":
        raise GoalError(_("Upload an Excel workbook (.xlsx)."))
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise GoalError(_("The file is larger than 2 MB; a list of values is far smaller."))
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in KINDS[".xlsx"].magic):
        raise GoalError(_("%(name)s is not an Excel workbook; it was refused.") % {"name": name})


def _read(upload: UploadedFile | IO[bytes]) -> Records:
    refusals = SheetRefusals(
        error=GoalError,
        unreadable=_("This file cannot be read as an Excel workbook (.xlsx)."),
        missing=_("Row 1 lacks the columns: %(columns)s. Row 1 holds measure, date, value."),
        too_many=_("The file has more than %(max)s rows; split it into smaller files."),
        empty=_("The file has no values: fill in at least one row under the headers."),
    )
    return sheet_records(upload, required=HEADERS, max_rows=MAX_ROWS, refusals=refusals)


def _parse(
    number: int,
    record: dict[str, Any],
    targets: dict[str, GoalTarget],
    seen: dict[tuple[int, date], int],
    by: "User",
) -> _Parsed:
    measure = text_cell(record.get("measure"))
    row = _Parsed(result=RowResult(number=number, measure=measure))

    def error(column: str, message: str) -> None:
        row_error(row.result, column, message)

    row.target = targets.get(measure.casefold())
    if not measure:
        error("measure", _("name the target's measure."))
    elif row.target is None:
        error("measure", _("this rollout has no target “%(name)s”.") % {"name": measure})
    else:
        try:
            require_recorder(by, row.target)
        except NotAllowed as refusal:
            error("measure", str(refusal))
    try:
        row.as_of = _date(record.get("date"))
    except ValueError as failure:
        error("date", str(failure))
    try:
        row.value = _value(record.get("value"))
    except ValueError as failure:
        error("value", str(failure))
    if row.as_of is not None and row.value is not None:
        try:
            actual_check(value=row.value, as_of=row.as_of)
        except AppError as refusal:
            error("date", str(refusal))
    if row.target is not None and row.as_of is not None:
        earlier = seen.setdefault((row.target.pk, row.as_of), number)
        if earlier != number:
            error(
                "date",
                _("row %(row)s already gives this target's value on this day.") % {"row": earlier},
            )
    return row


def _date(value: Any) -> date:
    return date_cell(value, missing=_("give the date of the value."))


def _value(value: Any) -> Decimal:
    if isinstance(value, bool):
        value = None  # TRUE/FALSE is not a measure's value
    text = text_cell(value)
    if not text:
        raise ValueError(_("give the value."))
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": text}) from None
    if not number.is_finite() or abs(number) >= Decimal("1e12"):
        raise ValueError(
            _("“%(value)s” is not a number below a million million.") % {"value": text}
        )
    if number != number.quantize(Decimal("0.01")):
        raise ValueError(_("“%(value)s”: at most two decimals.") % {"value": text})
    return number
