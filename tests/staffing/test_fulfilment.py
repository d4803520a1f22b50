"""Fulfilment (committed vs logged per week) and the capacity heatmap."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from rollout.calendar import week_start, working_days
from staffing.selectors import capacity_heatmap, expected_hours, fulfilment
from work.models import TaskLog

pytestmark = pytest.mark.django_db
MONDAY = week_start(timezone.localdate())


def test_a_holiday_week_expects_hours_in_proportion_to_its_working_days(crm):
    days = working_days(crm, date(2026, 9, 1), date(2026, 10, 31))
    national_day_week = date(2026, 9, 28)  # 3 working days
    assert expected_hours(
        Decimal("10"), date(2026, 9, 1), date(2026, 12, 31), national_day_week, days
    ) == Decimal("6.0")


def test_a_commitment_starting_midweek_counts_only_its_days(crm):
    days = working_days(crm, date(2026, 11, 1), date(2026, 11, 30))
    assert expected_hours(
        Decimal("10"), date(2026, 11, 18), date(2026, 12, 31), date(2026, 11, 16), days
    ) == Decimal("6.0")


def test_logged_hours_are_set_against_the_commitment(demo, crm, member1_task):
    def member1_week() -> Any:
        table = fulfilment(rollout=crm, first=MONDAY, last=MONDAY)
        return next(r for r in table.people if r.person == demo["member1"]).cells[0]

    # The demo logs some days before today: from Thursday on, one of them is this Monday.
    before = member1_week().logged
    TaskLog.objects.create(
        task=member1_task, member=demo["member1"], work_date=MONDAY, hours=Decimal("6"), progress=10
    )
    week = member1_week()
    assert week.logged == before + Decimal("6")
    assert week.committed > 0


def test_a_week_under_80_percent_is_short(demo, crm):
    last_week = MONDAY - timedelta(weeks=1)
    table = fulfilment(rollout=crm, first=last_week, last=last_week)
    member4 = next(r for r in table.people if r.person == demo["member4"])
    assert member4.cells[0].short


def test_departments_and_the_rollout_add_up_their_people(demo, crm):
    table = fulfilment(rollout=crm, first=MONDAY - timedelta(weeks=2), last=MONDAY)
    assert table.rollout is not None
    people_total = sum((r.total.committed for r in table.people), Decimal("0"))
    assert table.rollout.total.committed == people_total


def test_the_heatmap_marks_a_nearly_full_person(demo):
    _weeks, rows = capacity_heatmap(
        department=demo["it.manager"].department, first=MONDAY, last=MONDAY
    )
    states = {row.person.username: row.cells[0].state for row in rows}
    assert states["member4"] == "full"  # 28 of 32
    assert states["member3"] == "free"  # 8 of 40


@pytest.fixture
def identical_commitments(demo, crm, member1_task) -> None:
    """Three sales people committed alike, so the department reading groups them (n = 3),
    one of them with logged hours."""
    from staffing.models import Commitment, StaffingRequest
    from tests.factories import UserFactory

    sales = demo["sales.manager"].department
    request = StaffingRequest.objects.filter(rollout=crm, department=sales).earliest("pk")
    people = UserFactory.create_batch(3, department=sales)
    for person in people:
        Commitment.objects.create(
            request=request, person=person, hours_per_week=Decimal("2.5"),
            start_date=MONDAY - timedelta(weeks=2, days=-2), end_date=MONDAY + timedelta(days=8),
            status=Commitment.Status.CONFIRMED, committed_by=demo["sales.manager"],
        )  # fmt: skip
    TaskLog.objects.create(
        task=member1_task, member=people[0], work_date=MONDAY, hours=Decimal("1.5"), progress=5
    )


@pytest.mark.parametrize("alike", [False, True])
def test_the_department_only_reading_gives_the_same_departments(demo, crm, request, alike):
    if alike:
        request.getfixturevalue("identical_commitments")
    first = MONDAY - timedelta(weeks=3)
    whole = fulfilment(rollout=crm, first=first, last=MONDAY)
    lean = fulfilment(rollout=crm, first=first, last=MONDAY, per_person=False)
    assert lean.people == []
    assert whole.departments, "the demo has commitments"

    def figures(table):
        return [
            (r.department, [(c.committed, c.logged) for c in r.cells]) for r in table.departments
        ]

    assert figures(lean) == figures(whole)
    assert lean.rollout and whole.rollout
    assert lean.rollout.total == whole.rollout.total


@pytest.mark.parametrize(
    ("committed", "capacity", "text"),
    [("12.5", "40", "12.5 / 40"), ("0", "40.0", "0 / 40"), ("7.25", "37.5", "7.3 / 37.5")],
)
def test_a_heatmap_cell_reads_as_hours_to_a_tenth(committed, capacity, text):
    from staffing.selectors import HeatCell

    assert HeatCell(Decimal(committed), Decimal(capacity)).text == text
