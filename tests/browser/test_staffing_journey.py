"""The staffing journey: the executive asks IT for people, the IT manager commits two
people and is stopped when one has no free capacity, the person confirms, and the
executive sees the commitment and its fulfilment."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from rollout.calendar import week_start
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

START = week_start(timezone.localdate()) + timedelta(weeks=1)
END = START + timedelta(weeks=8, days=-1)


def open_staffing(page: Page) -> None:
    page.get_by_role("link", name=re.compile("Cloud CRM rollout")).first.click()
    page.get_by_role("link", name="Staffing", exact=True).click()


def test_request_commit_stopped_by_capacity_confirm_and_see_it(page: Page, site):
    sign_in(page, site, "ceo")
    open_staffing(page)
    page.get_by_label("Department", exact=True).select_option(label="IT")
    page.get_by_label("Purpose", exact=True).select_option("process_analysis")
    page.get_by_label("Hours per week", exact=True).fill("16")
    page.get_by_label("From", exact=True).fill(START.isoformat())
    page.get_by_label("To", exact=True).fill(END.isoformat())
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("status")).to_contain_text("Request sent to IT")
    page.get_by_role("button", name="Log out").click()

    sign_in(page, site, "it.manager")
    open_staffing(page)
    page.locator("#requests tr", has_text="waiting for your answer").get_by_role("link").click()
    page.get_by_label("Hours a week for Sun Hao (孙浩)").fill("8")
    page.get_by_label("Hours a week for Zhou Lei (周磊)").fill("8")
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Zhou Lei (周磊) has only 4 of 32 hours free in the week of"
    )
    page.get_by_label("Hours a week for Zhou Lei (周磊)").fill("")
    page.get_by_label("Hours a week for Ma Jun (马骏)").fill("8")
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_role("status")).to_contain_text("Answer recorded")
    page.get_by_role("button", name="Log out").click()

    sign_in(page, site, "member3")
    open_staffing(page)
    mine = page.locator("#my-commitments tr", has_text=START.isoformat())
    mine.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status")).to_contain_text("Confirmed.")
    page.get_by_role("button", name="Log out").click()

    sign_in(page, site, "ceo")
    open_staffing(page)
    expect(page.locator("#requests")).to_contain_text("Sun Hao (孙浩) 8 h/week (Confirmed)")
    page.get_by_role("link", name="Fulfilment").click()
    member3 = page.locator('#fulfilment tr[data-person="member3"]')
    # Next week: the demo's 8 h of IT testing plus the new 8 h.
    expect(member3.locator("td").nth(-2)).to_have_text(re.compile(r"0 / 16"))
