"""Adoption values from a spreadsheet: all or nothing, each refused row named by its number,
the department checked against the person who imports."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from goals.adoption_imports import adoption_import
from goals.models import AdoptionValue
from goals.services import GoalError
from tests.goals import sheets
from tests.goals.adoption_data import ACTIVE, COMPLETE, last_month, this_month

pytestmark = pytest.mark.django_db


def workbook(*rows, headers=("department", "measure", "month", "value")) -> SimpleUploadedFile:
    return sheets.workbook(*rows, headers=headers, name="adoption.xlsx")


def recorded(rollout) -> int:
    return AdoptionValue.objects.filter(measure__rollout=rollout).count()


def test_every_row_is_recorded_when_every_row_is_right(demo, crm):
    before = recorded(crm)
    report = adoption_import(
        by=demo["ceo"], rollout=crm,
        upload=workbook(("it", COMPLETE, f"{last_month():%Y-%m}", 58),
                        ("SALES", ACTIVE.upper(), this_month(), "90.5")),
    )  # fmt: skip
    assert (report.ok, report.recorded, recorded(crm)) == (True, 2, before + 2)


def test_one_bad_row_records_nothing_and_is_named(demo, crm):
    before = recorded(crm)
    report = adoption_import(
        by=demo["ceo"], rollout=crm,
        upload=workbook(("it", COMPLETE, f"{last_month():%Y-%m}", 58),
                        ("nowhere", ACTIVE, "2026-13", "x"),
                        ("it", COMPLETE, f"{last_month():%Y-%m}", 59)),
    )  # fmt: skip
    errors = [row.errors for row in report.rows]
    assert (report.ok, recorded(crm)) == (False, before)
    assert (len(errors[0]), len(errors[1]), len(errors[2])) == (0, 3, 1)
    assert "row 2 already gives" in errors[2][0]


def test_a_manager_imports_only_their_departments_rows(demo, crm):
    report = adoption_import(
        by=demo["sales.manager"], rollout=crm,
        upload=workbook(("it", COMPLETE, f"{last_month():%Y-%m}", 58)),
    )  # fmt: skip
    assert not report.ok
    assert "Only IT's manager" in report.rows[0].errors[0]


def test_a_file_without_the_columns_is_refused(demo, crm):
    with pytest.raises(GoalError, match="department, measure, month, value"):
        adoption_import(by=demo["ceo"], rollout=crm, upload=workbook(headers=("measure", "value")))


def test_the_page_imports_and_returns_to_the_measures(client, demo, crm):
    client.force_login(demo["it.manager"])
    upload = workbook(("it", COMPLETE, f"{last_month():%Y-%m}", 58))
    response = client.post(reverse("goals:adoption_import", args=[crm.pk]), {"file": upload})
    assert response.status_code == 302
    assert AdoptionValue.objects.get(
        department__code="it", month=last_month(), measure__name=COMPLETE
    ).value == Decimal("58")
