"""Actual values from a spreadsheet: all or nothing, each refused row named by its number,
the file itself checked before it is read, and each row's target checked for the person."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from goals.imports import actuals_import
from goals.models import TargetActual
from goals.services import GoalError
from tests.goals import sheets
from tests.goals.goal_data import lead_to_order, unseeded_day

pytestmark = pytest.mark.django_db

LEAD = "Lead-to-order time · 线索到订单周期"
ORDERS = "Orders entered in the CRM · 在CRM中录入的订单"


def workbook(*rows, headers=("measure", "date", "value")) -> SimpleUploadedFile:
    return sheets.workbook(*rows, headers=headers, name="values.xlsx")


def recorded(rollout) -> int:
    return TargetActual.objects.filter(target__rollout=rollout).count()


def test_every_row_is_recorded_when_every_row_is_right(demo, crm):
    before, day = recorded(crm), unseeded_day()
    report = actuals_import(
        by=demo["ceo"],
        rollout=crm,
        upload=workbook((LEAD, day, 15), (ORDERS.upper(), day.isoformat(), "40.5")),
    )
    assert (report.ok, report.recorded, recorded(crm)) == (True, 2, before + 2)
    assert TargetActual.objects.get(target=lead_to_order(crm), as_of=day).value == Decimal("15")


def test_one_bad_row_records_nothing_and_names_each_bad_row(demo, crm):
    before, day = recorded(crm), unseeded_day()
    tomorrow = timezone.localdate() + timedelta(days=1)
    report = actuals_import(
        by=demo["ceo"],
        rollout=crm,
        upload=workbook(
            (LEAD, day, 15),
            ("Churn", day, 3),
            (LEAD, "31/12/2026", 2),
            (ORDERS, tomorrow, 50),
            (ORDERS, day, "lots"),
            (LEAD, day, 14),
        ),
    )
    errors = {row.number: " ".join(row.errors) for row in report.rows if row.errors}
    assert not report.ok and recorded(crm) == before
    assert set(errors) == {3, 4, 5, 6, 7}
    assert "no target “Churn”" in errors[3]
    assert "not a date" in errors[4]
    assert "in the future" in errors[5]
    assert "not a number" in errors[6]
    assert "row 2 already gives" in errors[7]


def test_an_owner_imports_their_own_targets_only(demo, crm):
    day = unseeded_day()
    report = actuals_import(
        by=demo["sales.manager"], rollout=crm, upload=workbook((LEAD, day, 15), (ORDERS, day, 9))
    )
    assert [row.number for row in report.rows if row.errors] == [3]
    assert "Only the target's owner and the executive" in report.rows[1].errors[0]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("values.csv", b"measure,date,value\n"), "Upload an Excel workbook"),
        (SimpleUploadedFile("values.xlsx", b"<html>not a workbook</html>"), "is not an Excel"),
        (SimpleUploadedFile("values.xlsx", b"PK\x03\x04broken"), "cannot be read"),
        (workbook(headers=("measure", "value")), "lacks the columns: date"),
        (workbook(), "has no values"),
    ],
)
def test_a_file_that_is_no_such_spreadsheet_is_refused(demo, crm, upload, message):
    with pytest.raises(GoalError, match=message):
        actuals_import(by=demo["ceo"], rollout=crm, upload=upload)


def test_the_page_reports_the_refused_rows_and_keeps_nothing(client, demo, crm):
    before = recorded(crm)
    client.force_login(demo["ceo"])
    response = client.post(
        reverse("goals:actuals_import", args=[crm.pk]),
        {"file": workbook((LEAD, date(2026, 1, 5), 15), ("Churn", date(2026, 1, 5), 1))},
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported" in text and "Row 3, column “measure”" in text
    assert recorded(crm) == before


def test_the_page_records_a_good_file_and_goes_back_to_the_targets(client, demo, crm):
    client.force_login(demo["sales.manager"])
    response = client.post(
        reverse("goals:actuals_import", args=[crm.pk]),
        {"file": workbook((LEAD, unseeded_day(), 15))},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("goals:goal", args=[crm.pk]) + "#targets")
