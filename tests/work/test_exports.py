"""Tasks and logs as xlsx and CSV: translated headers, real dates and numbers, a byte-order
mark for Excel, and a fixed number of queries however many rows."""

import codecs
import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from core import exports
from demo.keys import demo_task
from roles.models import Department, User
from rollout.models import Rollout
from tests.query_counts import exactly
from work import export_rows
from work import services as work
from work.models import Task, TaskLog, Workstream

pytestmark = pytest.mark.django_db


def add_tasks(demo: dict[str, User], rollout: Rollout, count: int, title: str = "Extra") -> None:
    """Tasks for member1 through the service, each with one log on its own day."""
    workstream = Workstream.objects.filter(rollout=rollout).order_by("pk").first()
    assert workstream is not None
    sales = Department.objects.get(code="sales")
    start = Task.objects.filter(rollout=rollout).count()
    for n in range(start, start + count):
        task = work.task_create(
            by=demo["ceo"],
            rollout=rollout,
            title=f"{title} {n}",
            workstream=workstream,
            department_id=sales.pk,
            assignees=[demo["member1"], demo["member2"]],
            due_date=timezone.localdate() + timedelta(days=30),
            estimate_hours=Decimal("4"),
        )
        work.task_log_create(
            by=demo["member1"],
            task=task,
            work_date=timezone.localdate() - timedelta(days=400 + n),
            hours=Decimal("1.5"),
            progress=10,
        )


def workbook_rows(content: bytes) -> list[tuple[object, ...]]:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def test_it_names_the_task_columns_in_english(crm):
    headers, _rows = export_rows.task_rows(rollout=crm)
    assert headers[:3] == ["ID", "Title", "Workstream"]
    assert headers[-1] == "Progress (%)"


def test_it_names_the_columns_in_chinese_when_chinese_is_active(crm):
    with translation.override("zh-hans"):
        headers, rows = export_rows.task_rows(rollout=crm)
    department = headers.index("部门")
    assert "销售部" in {row[department] for row in rows}


def test_it_names_the_log_columns_in_english(crm):
    headers, _rows = export_rows.log_rows(rollout=crm)
    assert headers == [
        "Task ID",
        "Task title",
        "Member",
        "Date worked",
        "Hours",
        "Progress (%)",
        "Note",
        "Correction of",
        "Logged at",
    ]


def test_it_joins_the_assignees_and_totals_the_hours(crm):
    task = demo_task(crm, "map_lead_to_order")
    headers, rows = export_rows.task_rows(rollout=crm)
    row = next(r for r in rows if r[0] == task.pk)
    assert row[headers.index("Assignees")] == "member1, member2"
    assert row[headers.index("Hours logged")] == Decimal("14")


def test_it_writes_one_xlsx_row_per_task(crm):
    headers, rows = export_rows.task_rows(rollout=crm)
    sheet = workbook_rows(exports.as_xlsx(headers, rows, "Tasks"))
    assert sheet[0] == tuple(headers)
    assert len(sheet) - 1 == Task.objects.filter(rollout=crm).count()


def test_it_keeps_dates_as_dates_and_hours_as_numbers_in_xlsx(crm):
    headers, rows = export_rows.task_rows(rollout=crm)
    due, estimate = headers.index("Due date"), headers.index("Estimate (hours)")
    first = workbook_rows(exports.as_xlsx(headers, rows, "Tasks"))[1]
    due_cell, estimate_cell = first[due], first[estimate]
    assert isinstance(due_cell, datetime) and due_cell.date() == rows[0][due]
    assert isinstance(estimate_cell, int | float)
    assert Decimal(str(estimate_cell)) == rows[0][estimate]


def test_it_makes_the_xlsx_header_bold(crm):
    headers, rows = export_rows.log_rows(rollout=crm)
    sheet = load_workbook(io.BytesIO(exports.as_xlsx(headers, rows, "Logs"))).active
    assert all(cell.font.bold for cell in sheet[1])
    assert isinstance(sheet.cell(row=2, column=4).value.date(), date)


def test_it_starts_the_csv_with_a_bom_and_has_the_same_rows(crm):
    headers, rows = export_rows.task_rows(rollout=crm)
    content = exports.as_csv(headers, rows)
    parsed = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert content.startswith(codecs.BOM_UTF8)
    assert parsed[0] == headers
    assert [r[0] for r in parsed[1:]] == [str(r[0]) for r in rows]


def test_it_keeps_a_formula_like_title_as_text(demo, crm):
    add_tasks(demo, crm, 1, title='=HYPERLINK("http://example.com")')
    headers, rows = export_rows.task_rows(rollout=crm)
    text = next(str(r[1]) for r in rows if str(r[1]).startswith("="))
    sheet = load_workbook(io.BytesIO(exports.as_xlsx(headers, rows, "Tasks"))).active
    cell = next(c for c in sheet["B"] if c.value == text)
    assert cell.data_type == "s"
    parsed = csv.reader(io.StringIO(exports.as_csv(headers, rows).decode("utf-8-sig")))
    assert f"'{text}" in {r[1] for r in parsed}


EXPORT_QUERIES = 3


def test_it_reads_the_same_number_of_queries_for_10_or_200_more_tasks(demo, crm):
    def export(expected: int) -> None:
        with exactly(expected):
            export_rows.task_rows(rollout=crm)
            export_rows.log_rows(rollout=crm)

    add_tasks(demo, crm, 10)
    export(EXPORT_QUERIES)
    add_tasks(demo, crm, 190)
    assert TaskLog.objects.filter(task__rollout=crm).count() > 200
    export(EXPORT_QUERIES)


def test_it_answers_with_an_attachment(client, demo, crm):
    client.force_login(demo["member1"])
    response = client.get(reverse("work:tasks_export", args=[crm.pk, "xlsx"]))
    assert response["Content-Disposition"] == f'attachment; filename="rollout-{crm.pk}-tasks.xlsx"'
    assert len(workbook_rows(response.content)) == Task.objects.filter(rollout=crm).count() + 1


def test_it_sends_the_logs_as_csv(client, demo, crm):
    client.force_login(demo["sel.it"])
    response = client.get(reverse("work:logs_export", args=[crm.pk, "csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(codecs.BOM_UTF8)


def test_it_answers_404_for_another_format(client, demo, crm):
    client.force_login(demo["ceo"])
    assert client.get(reverse("work:tasks_export", args=[crm.pk, "pdf"])).status_code == 404


def test_it_shows_the_download_links_on_the_progress_page(client, demo, crm):
    client.force_login(demo["member1"])
    page = client.get(reverse("work:progress", args=[crm.pk])).content.decode()
    assert reverse("work:logs_export", args=[crm.pk, "csv"]) in page
