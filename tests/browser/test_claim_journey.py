"""Claiming a task done asks first, by keyboard alone: the consequence is read before the
button that claims is reached; nothing is claimed by the first press."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import my_crm_tasks

pytestmark = pytest.mark.browser

TO_CLAIM = "Train the sales team"


def test_claim_done_is_confirmed_with_the_keyboard(page: Page, site):
    my_crm_tasks(page, site, "member1")
    row = page.locator("article.task-row", has_text=TO_CLAIM)
    confirm = row.get_by_role("button", name=re.compile("Yes, claim"))
    expect(confirm).to_be_hidden()

    row.locator("summary", has_text="Claim").focus()
    page.keyboard.press("Enter")
    expect(row).to_contain_text("sets its progress to 100 %")
    expect(row.locator(".task-progress")).not_to_have_text("100 %")
    expect(confirm).to_be_visible()
    page.keyboard.press("Tab")
    expect(confirm).to_be_focused()
    page.keyboard.press("Enter")

    row = page.locator("article.task-row", has_text=TO_CLAIM)
    expect(row.get_by_role("status")).to_contain_text("Claimed done")
    expect(row.locator(".task-progress")).to_have_text("100 %")
