"""The finance seat's journey, in English and in Chinese: set a department's hourly rate
(a wrong one is refused, kept as typed), see it in the history and the internal staff cost
move on the cost-benefit, then ask "what if" (a delay and a change of scope) and get it
beside the base case, with the scenario in the address to share. axe-core checks both
pages."""

import re

import pytest
from playwright.sync_api import Page, expect

from demo.keys import demo_rollout
from selection.models import DepartmentRate
from tests.browser.conftest import sign_in
from tests.browser.language import use_language
from tests.browser.test_accessibility import axe_violations

# bypass_csp: axe-core is added to the page as a script of the test's own.
pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(bypass_csp=True)]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_finance_seat_sets_a_rate_and_asks_what_if(page: Page, site, language):
    crm = demo_rollout("crm")
    sales = DepartmentRate.objects.get(rollout=crm, department__code="sales")
    sign_in(page, site, "sel.finance")
    use_language(page, site, language)
    page.goto(f"{site}/rollouts/{crm.pk}/selection/cost-benefit/")
    internal_before = page.locator("#cost-benefit tbody tr").first.locator("td").nth(3).inner_text()

    page.goto(f"{site}/rollouts/{crm.pk}/selection/rates/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert axe_violations(page) == []
    row = page.locator('#rates tr[data-department="sales"]')
    row.locator("input[name=hourly_rate]").fill("12000")
    # The browser's own check stops a rate over the maximum; the server's is tested apart.
    row.locator("input[name=hourly_rate]").evaluate("input => input.form.noValidate = true")
    row.get_by_role("button").click()
    row = page.locator('#rates tr[data-department="sales"]')
    expect(row.locator(".invalid-feedback")).to_be_visible()
    expect(row.locator("input[name=hourly_rate]")).to_have_value("12000")  # kept as typed
    row.locator("input[name=hourly_rate]").fill("240")
    row.get_by_role("button").click()
    expect(page.get_by_role("status")).to_contain_text("240")
    expect(page.locator('#rates tr[data-department="sales"] td.rate')).to_have_text("240.00")
    expect(page.locator("#rate-history li").first).to_contain_text(
        f"¥{sales.hourly_rate:.2f} → ¥240.00"
    )

    page.goto(f"{site}/rollouts/{crm.pk}/selection/cost-benefit/")
    first = page.locator("#cost-benefit tbody tr").first
    expect(first.locator("td").nth(3)).not_to_have_text(internal_before)
    page.locator("#what_if_delay").fill("6")
    page.locator("#what_if_implementation").fill("20")
    page.locator("#what-if button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"\?delay=6&implementation=20"))
    scenario = page.locator("#scenario tbody tr")
    expect(scenario).to_have_count(page.locator("#cost-benefit tbody tr").count())
    expect(scenario.first.locator("td.scenario-tco")).not_to_be_empty()
    assert axe_violations(page) == []
    # Shared: the same address opens the same scenario for another reader.
    shared = page.url
    page.get_by_role("button", name="Log out" if language == "en" else "退出登录").click()
    use_language(page, site, "en")  # sign_in finds the sign-in form by its English labels
    sign_in(page, site, "sel.senior")
    use_language(page, site, language)
    page.goto(shared)
    expect(page.locator("#scenario tbody tr")).to_have_count(scenario.count())
    expect(page.locator("#what_if_delay")).to_have_value("6")
