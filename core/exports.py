"""Tables (a header row and data rows) as xlsx or CSV bytes, safe to open in a spreadsheet
program. The apps build their own rows; this module knows no model."""

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

Value = str | int | Decimal | date | datetime | None
Row = list[Value]
Table = tuple[list[str], list[Row]]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"xlsx": XLSX, "csv": "text/csv; charset=utf-8"}

# A text cell starting with one of these is run as a formula by spreadsheet programs
# (CSV injection); such text is written so that it stays text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
