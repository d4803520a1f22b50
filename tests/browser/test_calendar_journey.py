"""The calendar journey, on a phone: the executive is warned that the rollout runs past
its working calendar, opens the calendar from the warning, adds Spring Festival, sees who
added it, says the calendar knows the year, and the warning is gone."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from demo.keys import demo_rollout
from rollout.models import Rollout, WorkingCalendar
from tests.browser.conftest import sign_in
from work.models import Task

pytestmark = pytest.mark.browser

NEXT_YEAR = timezone.localdate().year + 1


def a_weekday(day: date) -> date:
    return day if day.weekday() < 5 else a_weekday(day + timedelta(days=1))


SPRING_FESTIVAL = a_weekday(date(NEXT_YEAR, 2, 8))  # a weekday, as 8 February 2027 is


def only_the_crm_on_its_calendar() -> None:
    """The demo's rollouts share one calendar, which only an administrator changes: the
    others get their own, so the CRM's executive may change the CRM's. The CRM's dates
    run into next year and its calendar knows this year only."""
    crm = demo_rollout("crm")
    own = WorkingCalendar.objects.create(name="Other rollouts' calendar")
    Rollout.objects.exclude(pk=crm.pk).update(calendar=own)
    Task.objects.filter(rollout=crm).update(due_date=date(NEXT_YEAR, 11, 30))
    WorkingCalendar.objects.filter(rollouts=crm).update(known_until=date(NEXT_YEAR - 1, 12, 31))


def test_the_executive_adds_a_holiday_and_the_warning_goes(page: Page, site):
    only_the_crm_on_its_calendar()
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, site, "ceo")
    warning = page.locator(".calendar-gap")
    expect(warning).to_contain_text(f"only until {NEXT_YEAR - 1}-12-31")

    page.get_by_role("link", name="Open the working calendar").click()
    page.get_by_label("Date", exact=True).fill(SPRING_FESTIVAL.isoformat())
    page.get_by_label("Public holiday (a day off)").check()
    page.get_by_label("Name (English)").fill("Spring Festival")
    page.get_by_label("Name (Simplified Chinese)").fill("春节")
    page.get_by_role("button", name="Add the day").click()
    expect(page.get_by_role("status").first).to_contain_text(
        f"Spring Festival on {SPRING_FESTIVAL.isoformat()} added"
    )
    expect(page.locator(f"#day-{SPRING_FESTIVAL.isoformat()}")).to_contain_text("Public holiday")
    changes = page.locator("#calendar-changes")
    expect(changes).to_contain_text(f"Public holiday added: {SPRING_FESTIVAL.isoformat()}")
    expect(changes).to_contain_text("Wang Jianguo (王建国)")
    # Nothing on the page is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_label("Holidays known until").fill(f"{NEXT_YEAR}-12-31")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").first).to_contain_text("Saved")
    expect(page.locator("#known-until")).to_have_text(f"{NEXT_YEAR}-12-31")

    page.get_by_role("link", name=re.compile("Cloud CRM rollout")).first.click()
    expect(page.locator("#past-decisions")).to_be_visible()
    expect(page.locator(".calendar-gap")).to_have_count(0)


def test_a_refused_day_keeps_what_was_typed_in_the_browser(page: Page, site):
    only_the_crm_on_its_calendar()
    sign_in(page, site, "ceo")
    page.get_by_role("link", name="Open the working calendar").click()
    page.get_by_label("Date", exact=True).fill(SPRING_FESTIVAL.isoformat())
    page.get_by_label("Make-up working day on a weekend (调休)").check()
    page.get_by_label("Name (English)").fill("Spring Festival")
    page.get_by_role("button", name="Add the day").click()
    expect(page.get_by_role("alert")).to_contain_text("a working day already")
    expect(page.get_by_label("Name (English)")).to_have_value("Spring Festival")
    expect(page.get_by_label("Make-up working day on a weekend (调休)")).to_be_checked()
