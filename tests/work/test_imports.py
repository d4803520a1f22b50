"""Tasks from a spreadsheet: all rows or none, a report that names row and column, and
the same rules as planning one task by hand."""

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from demo.keys import demo_task_title, demo_workstream_name
from tests.query_counts import exactly
from work.imports import TEMPLATE_HEADERS, tasks_import, template_xlsx
from work.models import Task
from work.services import WorkError

pytestmark = pytest.mark.django_db

LEAD_TO_ORDER = demo_workstream_name("lead_to_order")
MASTER_DATA = demo_workstream_name("customer_master_data")
EXISTING = demo_task_title("customer_fields")


def xlsx(rows: Sequence[Sequence[Any]], headers: Sequence[str] = TEMPLATE_HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "tasks.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def row(**values: Any) -> list[Any]:
    """A valid row of the sales department; keyword arguments replace its cells."""
    cells = {
        "title": "Import the trade-fair leads",
        "description": "",
        "workstream": LEAD_TO_ORDER,
        "objective": "",
        "department": "sales",
        "assignees": "member1",
        "due_date": "2027-03-31",
        "estimate_hours": 6,
        "priority": "",
        "blocked_by": "",
        **values,
    }
    return [cells[h] for h in TEMPLATE_HEADERS]


VALID = [
    row(title="Collect the fair's business cards", assignees="member1, member2"),
    row(title="Enter the cards in the CRM", blocked_by="Collect the fair's business cards"),
    row(
        title="Connect the card scanner",
        workstream=MASTER_DATA,
        department="it",
        assignees="member3",
        due_date=date(2027, 4, 15),
        estimate_hours=2.5,
        priority=3,
        blocked_by=EXISTING,
    ),
]


def run(demo: dict[str, Any], crm: Any, rows: Sequence[Sequence[Any]], by: str = "ceo") -> Any:
    return tasks_import(by=demo[by], rollout=crm, upload=upload(xlsx(rows)))


def test_it_creates_every_row_of_a_valid_file(demo, crm):
    report = run(demo, crm, VALID)
    cards = Task.objects.get(rollout=crm, title="Collect the fair's business cards")
    assert report.ok
    assert report.created == 3
    assert {p.username for p in cards.assignees.all()} == {"member1", "member2"}


def test_it_links_dependencies_on_earlier_rows_and_existing_tasks(demo, crm):
    run(demo, crm, VALID)
    entering = Task.objects.get(rollout=crm, title="Enter the cards in the CRM")
    scanner = Task.objects.get(rollout=crm, title="Connect the card scanner")
    assert [t.title for t in entering.blocked_by.all()] == ["Collect the fair's business cards"]
    assert [t.title for t in scanner.blocked_by.all()] == [EXISTING]


def test_it_reads_dates_numbers_and_priority(demo, crm):
    run(demo, crm, VALID)
    scanner = Task.objects.get(rollout=crm, title="Connect the card scanner")
    assert (scanner.due_date, str(scanner.estimate_hours), scanner.priority) == (
        date(2027, 4, 15),
        "2.5",
        3,
    )


@pytest.mark.parametrize(
    ("column", "bad", "says"),
    [
        ("due_date", "2027-13-01", "is not a date"),
        ("assignees", "member1, nobody", "nobody"),
        ("estimate_hours", -1, "more than 0"),
        ("workstream", "Unknown process", "no workstream"),
        ("priority", 7, "is not a priority"),
        ("blocked_by", "A task of the future", "no task"),
    ],
)
def test_it_writes_nothing_when_one_row_is_malformed(demo, crm, column, bad, says):
    before = Task.objects.count()
    report = run(demo, crm, [*VALID[:1], row(**{column: bad}), *VALID[1:]])
    error = report.rows[1].errors[0]
    assert (report.ok, report.created, Task.objects.count()) == (False, 0, before)
    assert (report.rows[1].number, report.rows[0].errors) == (3, [])
    assert error.startswith(f"Row 3, column “{column}”") and says in error


def test_it_numbers_rows_as_the_spreadsheet_does_past_a_blank_row(demo, crm):
    report = run(demo, crm, [VALID[0], [None] * len(TEMPLATE_HEADERS), row(due_date="soon")])
    assert [r.number for r in report.rows] == [2, 4]
    assert report.rows[1].errors[0].startswith("Row 4, column “due_date”")


def test_it_reports_a_managers_row_for_another_department(demo, crm):
    report = run(demo, crm, [row(), row(title="Tune the server", department="it")], "sales.manager")
    assert report.rows[1].errors == ["Row 3: You can only plan work for the department you manage."]
    assert not Task.objects.filter(title="Import the trade-fair leads").exists()


def test_it_refuses_a_file_that_is_not_xlsx(demo, crm):
    not_a_workbook = upload(b"title,workstream\nA,B\n", name="tasks.xlsx")
    with pytest.raises(WorkError, match=r"not an Excel workbook \(\.xlsx\)"):
        tasks_import(by=demo["ceo"], rollout=crm, upload=not_a_workbook)


def test_it_names_the_missing_columns(demo, crm):
    headers = [h for h in TEMPLATE_HEADERS if h not in ("assignees", "due_date")]
    with pytest.raises(WorkError, match="lacks the columns: assignees, due_date"):
        tasks_import(by=demo["ceo"], rollout=crm, upload=upload(xlsx([["A"]], headers)))


def test_it_refuses_a_file_without_tasks(demo, crm):
    with pytest.raises(WorkError, match="no tasks"):
        tasks_import(by=demo["ceo"], rollout=crm, upload=upload(xlsx([])))


def test_it_refuses_more_than_2000_rows(demo, crm):
    with pytest.raises(WorkError, match="more than 2,000 tasks"):
        tasks_import(by=demo["ceo"], rollout=crm, upload=upload(xlsx([row()] * 2001)))


def test_it_refuses_someone_who_does_not_plan(demo, crm):
    with pytest.raises(WorkError, match="Only the executive and middle managers"):
        run(demo, crm, VALID, by="member1")


def test_the_template_has_the_headers_and_a_help_sheet(crm):
    workbook = load_workbook(io.BytesIO(template_xlsx(rollout=crm)))
    help_columns = {col[0].value: [c.value for c in col[1:]] for col in workbook["help"].columns}
    assert next(workbook["tasks"].iter_rows(values_only=True)) == TEMPLATE_HEADERS
    assert "sales" in help_columns["department"]
    assert LEAD_TO_ORDER in help_columns["workstream"]


def test_the_template_imports_as_it_stands(demo, crm):
    template = upload(template_xlsx(rollout=crm))
    assert tasks_import(by=demo["ceo"], rollout=crm, upload=template).created == 1


def test_it_is_forbidden_to_a_selection_seat(client, demo, crm):
    client.force_login(demo["sel.it"])
    assert client.get(reverse("work:tasks_import", args=[crm.pk])).status_code == 403


def test_the_page_reports_the_count_after_an_import_and_redirects(client, demo, crm):
    client.force_login(demo["ceo"])
    url = reverse("work:tasks_import", args=[crm.pk])
    response = client.post(url, {"file": upload(xlsx(VALID))}, follow=True)
    assert response.redirect_chain == [(reverse("work:plan", args=[crm.pk]), 302)]
    assert "3 tasks created." in response.content.decode()


def test_the_page_shows_the_row_errors_with_400(client, demo, crm):
    client.force_login(demo["ceo"])
    bad = upload(xlsx([row(estimate_hours="lots")]))
    response = client.post(reverse("work:tasks_import", args=[crm.pk]), {"file": bad})
    assert response.status_code == 400
    assert "Row 2, column “estimate_hours”" in response.content.decode()


def test_the_page_asks_for_a_file(client, demo, crm):
    client.force_login(demo["sales.manager"])
    response = client.post(reverse("work:tasks_import", args=[crm.pk]), {})
    assert "Choose the .xlsx file to import." in response.content.decode()


def test_the_plan_page_links_to_the_import(client, demo, crm):
    client.force_login(demo["ceo"])
    page = client.get(reverse("work:plan", args=[crm.pk])).content.decode()
    assert reverse("work:tasks_import", args=[crm.pk]) in page


def rows_of(count: int) -> list[list[Any]]:
    """`count` rows, two assignees each, each after the first waiting for the one above it
    and for an existing task."""
    return [
        row(
            title=f"Imported task {n}",
            assignees="member1, member2",
            blocked_by=f"{EXISTING}; Imported task {n - 1}" if n else EXISTING,
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("count", [3, 60])
def test_it_writes_any_number_of_rows_in_the_same_number_of_queries(demo, crm, count):
    content = xlsx(rows_of(count))
    with exactly(IMPORT_QUERIES, savepoints=False):
        report = run_bytes(demo, crm, content)
    assert report.created == count
    last = Task.objects.get(title=f"Imported task {count - 1}")
    assert {p.username for p in last.assignees.all()} == {"member1", "member2"}
    assert {t.title for t in last.blocked_by.all()} == {EXISTING, f"Imported task {count - 2}"}
    assert last.history.get().history_type == "+"


def run_bytes(demo: dict[str, Any], crm: Any, content: bytes) -> Any:
    return tasks_import(by=demo["ceo"], rollout=crm, upload=upload(content))


# The permission, the five lookups, the planner per department named, the members, then
# the tasks, their history, their assignees and what they wait for: one statement each.
IMPORT_QUERIES = 15
