"""The rows of an uploaded spreadsheet, read as every import of the project reads them:
the first sheet, row 1 holding the column keys (in any order, so one file works whatever
language its author reads), blank rows skipped, each row numbered as the spreadsheet
numbers it; and the cells people type (text, dates). Each import says in its own words,
and with its own error, what it refuses."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from core.errors import AppError

Records = list[tuple[int, dict[str, Any]]]


@dataclass(frozen=True)
class SheetRefusals:
    """An import's words for a file it refuses (made when it is called, so translated)."""

    error: type[AppError]
    unreadable: str
    missing: str  # names the missing %(columns)s
    too_many: str  # names the %(max)s rows allowed
    empty: str


def sheet_records(
    upload: UploadedFile | IO[bytes],
    *,
    required: Iterable[str],
    max_rows: int,
    refusals: SheetRefusals,
) -> Records:
    """The data rows keyed by column, with their spreadsheet numbers (2 is the first)."""
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
        try:
            # Read-only mode parses the sheet while the rows are read, so a damaged sheet
            # fails here too, not only when the file is opened.
            return _records(workbook.worksheets[0], list(required), max_rows, refusals)
        finally:
            workbook.close()
    except refusals.error:
        raise
    except Exception as error:  # a damaged or foreign file fails in many ways inside openpyxl
        raise refusals.error(refusals.unreadable) from error


def _records(sheet: Any, required: list[str], max_rows: int, refusals: SheetRefusals) -> Records:
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, ())
    columns = {str(v).strip().lower(): i for i, v in enumerate(header_row) if v is not None}
    missing = [h for h in required if h not in columns]
    if missing:
        raise refusals.error(refusals.missing % {"columns": ", ".join(missing)})
    records: Records = []
    for number, values in enumerate(rows, start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        if len(records) == max_rows:
            raise refusals.error(refusals.too_many % {"max": f"{max_rows:,}"})
        records.append(
            (number, {h: values[i] if i < len(values) else None for h, i in columns.items()})
        )
    if not records:
        raise refusals.error(refusals.empty)
    return records


def text_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into a text column: 3, not 3.0
    return str(value).strip()


def date_cell(value: Any, *, missing: str) -> date:
    """A date cell, or text written as YYYY-MM-DD; ValueError with the reason otherwise
    (`missing` when the cell is empty)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = text_cell(value)
    if not text:
        raise ValueError(missing)
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise ValueError(
            _("“%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2027-03-31.")
            % {"value": text}
        ) from None
