"""The implementation journey: a member logs and claims, the manager sends the claim
back, the member reads why, and the executive's progress page shows it all."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import my_crm_tasks, sign_in

pytestmark = pytest.mark.browser

TO_LOG = "Define the customer fields"
TO_CLAIM = "Train the sales team"
REASON = "Add the training attendance list as evidence."


def sales_row(page: Page):
    return page.locator('tr[data-department="sales"]')


def test_log_claim_send_back_and_see_it_on_progress(page: Page, site):
    sign_in(page, site, "ceo")
    page.get_by_role("link", name=re.compile("Cloud CRM rollout")).first.click()
    page.get_by_role("link", name="Progress").click()
    hours_before = float(sales_row(page).locator(".hours-logged").inner_text())
    sent_back_before = int(sales_row(page).locator(".sent-back").inner_text())
    page.get_by_role("button", name="Log out").click()

    # member1 logs 2.5 h at 60 % from the list: the row updates in place (htmx).
    my_crm_tasks(page, site, "member1")
    row = page.locator("article.task-row", has_text=TO_LOG)
    row.get_by_label("Hours").fill("2.5")
    row.get_by_label("Progress (%)").fill("60")
    row.get_by_label("Note").fill("Drafted the field list with sales")
    row.get_by_role("button", name="Log work").click()
    row = page.locator("article.task-row", has_text=TO_LOG)
    expect(row.get_by_role("status")).to_contain_text("Logged 2.5 h")
    expect(row.locator(".task-progress")).to_have_text("60 %")

    # ... and claims another done, once asked (see test_claim_journey.py).
    claim_row = page.locator("article.task-row", has_text=TO_CLAIM)
    claim_row.locator("summary", has_text="Claim").click()
    claim_row.get_by_role("button", name=re.compile("Yes, claim")).click()
    expect(page.locator("article.task-row", has_text=TO_CLAIM)).to_contain_text("Claimed done")
    page.get_by_role("button", name="Log out").click()

    # The manager sees the claim on the board and sends it back with a reason.
    sign_in(page, site, "sales.manager")
    page.get_by_role("link", name=re.compile("Cloud CRM rollout")).first.click()
    page.get_by_role("link", name="Department board").click()
    board_row = page.locator("tr", has_text=TO_CLAIM)
    expect(board_row).to_contain_text("Claimed done")
    board_row.get_by_label("Why is it sent back?").fill(REASON)
    board_row.get_by_role("button", name="Send back").click()
    expect(page.get_by_role("status")).to_contain_text("is sent back")
    page.get_by_role("button", name="Log out").click()

    # member1 sees why.
    my_crm_tasks(page, site, "member1")
    expect(page.locator("article.task-row", has_text=TO_CLAIM)).to_contain_text(REASON)
    page.get_by_role("button", name="Log out").click()

    # The executive's progress page reflects both.
    sign_in(page, site, "ceo")
    page.get_by_role("link", name=re.compile("Cloud CRM rollout")).first.click()
    page.get_by_role("link", name="Progress").click()
    expect(sales_row(page).locator(".hours-logged")).to_have_text(f"{hours_before + 2.5:g}")
    expect(sales_row(page).locator(".sent-back")).to_have_text(str(sent_back_before + 1))
