"""The session ends while a member logs work from "My tasks": pressing Log work leads to the
sign-in page (the whole page, not pasted into the task card) with a message saying what was
not saved, and signing in brings the member back to "My tasks"."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import my_crm_tasks

pytestmark = pytest.mark.browser

TO_LOG = "Define the customer fields"


def test_log_work_after_the_session_ended_leads_to_sign_in_and_back(page: Page, site):
    my_crm_tasks(page, site, "member1")
    my_tasks = page.url
    page.context.clear_cookies(name="sessionid")

    row = page.locator("article.task-row", has_text=TO_LOG)
    row.get_by_label("Hours").fill("2.5")
    row.get_by_role("button", name="Log work").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.get_by_role("alert")).to_contain_text("the work you logged")
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    page.get_by_label("Username").fill("member1")
    page.get_by_label("Password").fill("rollout-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(my_tasks)
    expect(page.locator("article.task-row", has_text=TO_LOG)).to_be_visible()
