"""A working calendar per site or country, chosen per department: the expected hours of a
department's people count on its calendar (a public holiday of its own site), everyone
else's on the rollout's; per person and per department alike."""

from datetime import date
from decimal import Decimal

import pytest

from roles.models import Department
from rollout.models import CalendarDay, WorkingCalendar
from staffing.models import Commitment, StaffingRequest
from staffing.selectors import fulfilment

pytestmark = pytest.mark.django_db

WEEK = date(2027, 3, 1)  # a Monday with no holiday in mainland China
SITE_HOLIDAY = date(2027, 3, 3)  # a Wednesday off at the other site only


def commit(crm, demo, username: str) -> None:
    Commitment.objects.filter(person=demo[username]).update(status=Commitment.Status.ENDED)
    Commitment.objects.create(
        request=StaffingRequest.objects.filter(rollout=crm).earliest("pk"),
        person=demo[username],
        hours_per_week=Decimal("10"),
        start_date=WEEK,
        end_date=date(2027, 3, 7),
        status=Commitment.Status.CONFIRMED,
        committed_by=demo["sales.manager"],
    )


def site_calendar_for(department_code: str) -> WorkingCalendar:
    calendar = WorkingCalendar.objects.create(name="Singapore site")
    CalendarDay.objects.create(calendar=calendar, date=SITE_HOLIDAY, is_working=False,
                               name_en="Site holiday")  # fmt: skip
    Department.objects.filter(code=department_code).update(calendar=calendar)
    return calendar


@pytest.fixture
def two_committed(crm, demo):
    commit(crm, demo, "member1")  # sales
    commit(crm, demo, "member3")  # it


def committed_by_person(crm) -> dict[str, Decimal]:
    table = fulfilment(rollout=crm, first=WEEK, last=WEEK)
    return {row.person.username: row.cells[0].committed for row in table.people if row.person}


def committed_by_department(crm) -> dict[str, Decimal]:
    table = fulfilment(rollout=crm, first=WEEK, last=WEEK, per_person=False)
    return {
        row.department.code: row.cells[0].committed for row in table.departments if row.department
    }


def test_without_a_department_calendar_everyone_counts_on_the_rollouts(crm, two_committed):
    people = committed_by_person(crm)
    assert (people["member1"], people["member3"]) == (Decimal("10.0"), Decimal("10.0"))


def test_a_departments_people_count_on_its_own_calendar(crm, two_committed):
    site_calendar_for("it")
    people = committed_by_person(crm)
    assert (people["member1"], people["member3"]) == (Decimal("10.0"), Decimal("8.0"))


def test_the_department_totals_count_on_it_too(crm, two_committed):
    site_calendar_for("it")
    before = committed_by_department(crm)
    Department.objects.filter(code="it").update(calendar=None)
    after = committed_by_department(crm)
    assert after["it"] - before["it"] == Decimal("2.0")
    assert after["sales"] == before["sales"]


def test_a_department_on_the_rollouts_own_calendar_changes_nothing(crm, two_committed):
    Department.objects.filter(code="it").update(calendar=crm.calendar)
    CalendarDay.objects.create(calendar=crm.calendar, date=SITE_HOLIDAY, is_working=False,
                               name_en="Holiday")  # fmt: skip
    people = committed_by_person(crm)
    assert (people["member1"], people["member3"]) == (Decimal("8.0"), Decimal("8.0"))


def test_the_department_calendar_costs_one_query(crm, two_committed, django_assert_num_queries):
    site_calendar_for("it")
    with django_assert_num_queries(5):  # the four of fulfilment, and the site's calendar
        fulfilment(rollout=crm, first=WEEK, last=WEEK)
