"""A middle manager's journey, in English and in Chinese: answering a request, they see each
candidate's latest four-qualities reviews beside the free hours; from the staffing plan they
open their own stance page: the figures the executive judges them by and the latest
assessment of them with its reason, and no other manager's."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from demo.keys import demo_rollout
from staffing.models import StaffingRequest
from tests.browser.conftest import sign_in
from tests.browser.language import use_language
from tests.browser.test_accessibility import axe_violations

# bypass_csp: axe-core is added to the page as a script of the test's own.
pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(bypass_csp=True)]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_manager_sees_the_qualities_and_their_own_stance(page: Page, site, language):
    crm = demo_rollout("crm")
    waiting = StaffingRequest.objects.get(
        rollout=crm, department__code="sales", status=StaffingRequest.Status.WAITING
    )
    sign_in(page, site, "sales.manager")
    use_language(page, site, language)
    page.goto(f"{site}/rollouts/{crm.pk}/staffing/requests/{waiting.pk}/")
    # member1 has two months of reviews in the demo, newest first.
    qualities = page.locator('#answer-people tr[data-person="member1"] td.qualities > div')
    expect(qualities).to_have_count(2)
    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    expect(qualities.first).to_contain_text(last_month)
    assert axe_violations(page) == []

    page.goto(f"{site}/rollouts/{crm.pk}/staffing/")
    page.locator("#my-stance-link").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("#my-signals")).to_be_visible()
    expect(page.locator("#my-assessment")).to_contain_text("第二天就派了人")
    # The IT manager's assessment (friction) is theirs alone.
    expect(page.locator("body")).not_to_contain_text("给人不足且中途撤人")
    assert axe_violations(page) == []
