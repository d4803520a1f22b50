"""Working days follow the rollout's calendar: mainland China's 2026 holidays and 调休."""

from datetime import date

import pytest

from rollout.calendar import WorkingDays, working_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def days(crm) -> WorkingDays:
    return working_days(crm, date(2026, 1, 1), date(2026, 12, 31))


def test_national_day_week_has_three_working_days(days):
    assert days.count(date(2026, 9, 28), date(2026, 10, 4)) == 3


def test_a_make_up_saturday_is_a_working_day(days):
    assert days.is_working(date(2026, 10, 10))


def test_a_plain_saturday_is_not(days):
    assert not days.is_working(date(2026, 10, 17))


def test_counting_on_skips_the_spring_festival(days):
    # Friday 13 Feb, then Saturday 14 is a make-up day; 15-23 are off.
    assert days.add(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert days.add(date(2026, 2, 14), 1) == date(2026, 2, 24)


def test_a_rollout_without_calendar_works_monday_to_friday(crm):
    crm.calendar = None
    plain = working_days(crm, date(2026, 10, 1), date(2026, 10, 31))
    assert plain.count(date(2026, 9, 28), date(2026, 10, 4)) == 5
