"""The executive's decision on a phone: only the chosen outcome's fields show, a refusal's
errors come first on the screen (focused), unmet criteria are listed beside the button
without stopping the decision, and the page then leads on to the next gate. Without
JavaScript every outcome's fields show, each under its outcome's heading. Removing a
criterion is asked first."""

import re

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.browser.conftest import add_condition, sign_in

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}
UNMET = "Legal has read the contract"


def open_the_waiting_gate(page: Page, site: str) -> None:
    sign_in(page, site, "ceo")
    expect(page.locator(".pending-gate")).to_contain_text("Select the system")
    page.locator(".pending-gate").get_by_role("link").click()


def add_an_unmet_criterion(page: Page) -> None:
    page.locator("#add-criterion summary").click()
    page.get_by_label("Criterion", exact=True).fill(UNMET)
    page.get_by_label("Confirmed by").select_option(label="Zhang Wei (张伟)")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Criterion added")


def test_the_decision_shows_only_the_chosen_outcomes_fields(page: Page, site):
    page.set_viewport_size(PHONE)
    open_the_waiting_gate(page, site)
    add_an_unmet_criterion(page)
    conditions, hold, recycle = (page.locator(f"#part-{o}") for o in
                                 ("go_conditions", "hold", "recycle"))  # fmt: skip
    for part in (conditions, hold, recycle):
        expect(part).to_be_hidden()

    page.get_by_label("Hold", exact=True).check()
    expect(hold).to_be_visible()
    expect(conditions).to_be_hidden()
    page.get_by_label("Go with conditions").check()
    expect(conditions).to_be_visible()
    expect(hold).to_be_hidden()
    expect(recycle).to_be_hidden()
    expect(page.locator("#unmet-criteria")).to_contain_text(UNMET)

    # No condition yet: refused, and the reason is the first thing on the screen.
    page.get_by_label("Reason", exact=True).fill("Service was compared this time.")
    page.get_by_role("button", name="Record the decision").click()
    summary = page.locator("#form-errors")
    expect(summary).to_contain_text("Go with conditions needs at least one condition.")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(page.get_by_label("Reason", exact=True)).to_have_value("Service was compared this time.")
    expect(conditions).to_be_visible()
    expect(hold).to_be_hidden()

    add_condition(page, "Sign the service level agreement", "Zhang Wei (张伟)", 10)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status")).to_contain_text("now waits for your decision")
    page.locator("#next-gate").get_by_role("link").click()
    expect(page).to_have_title(re.compile(r"^Contract · "))
    expect(page.locator("#gate-status")).to_have_text("Waiting for the executive")


def test_without_javascript_every_outcomes_fields_show_under_their_heading(browser: Browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    open_the_waiting_gate(page, site)
    for outcome, heading in [
        ("go_conditions", "For “Go with conditions”"),
        ("hold", "For “Hold”"),
        ("recycle", "For “Recycle”"),
    ]:
        expect(page.locator(f"#part-{outcome}")).to_be_visible()
        expect(page.locator(f"#part-{outcome} legend")).to_contain_text(heading)
    context.close()


def test_removing_a_criterion_is_asked_first(page: Page, site):
    open_the_waiting_gate(page, site)
    add_an_unmet_criterion(page)
    criterion = page.locator("#criteria li", has_text=UNMET)
    confirm = criterion.get_by_role("button", name=re.compile("Yes, remove it"))
    expect(confirm).to_be_hidden()
    criterion.locator("summary").click()
    expect(criterion).to_contain_text("The gate is then judged without it")
    confirm.click()
    expect(page.get_by_role("status")).to_contain_text(f"Criterion “{UNMET}” removed.")
    expect(page.locator("#criteria")).not_to_contain_text(UNMET)
