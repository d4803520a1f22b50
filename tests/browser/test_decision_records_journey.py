"""The executive, in English and in Chinese: recycles the selection gate naming two tasks
done (they reopen), then decides Go with another vendor than the team recommends (refused
until the reason is given), then accepts IT's counter-offer; axe finds nothing serious on
the gate page and the request page."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from demo.keys import demo_rollout
from gates.models import Gate
from staffing.models import StaffingRequest
from tests.browser.conftest import sign_in
from tests.browser.language import use_language
from tests.browser.test_accessibility import axe_violations
from tests.gates.decision_data import other_vendor
from work.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(bypass_csp=True)]


def said(language: str, text: str) -> str:
    with translation.override(language):
        return str(translation.gettext(text))


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_executive_records_what_was_decided(page: Page, site, language):
    crm = demo_rollout("crm")
    gate = Gate.objects.get(rollout=crm, key="select")
    done = list(Task.objects.filter(rollout=crm, status__in=["claimed", "verified"])[:2])
    vendor = other_vendor(crm)
    sign_in(page, site, "ceo")
    use_language(page, site, language)
    page.goto(site + reverse("gates:gate_detail", args=[crm.pk, gate.pk]))
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert axe_violations(page) == []

    # Recycle, naming two tasks done: they go back to open.
    page.locator('input[name="outcome"][value="recycle"]').check()
    page.locator('textarea[name="reason"]').fill("Compare after-sales service too")
    page.locator('select[name="recycle_tasks"]').select_option([str(t.pk) for t in done])
    page.get_by_role("button", name=said(language, "Record the decision")).click()
    expect(page.locator("#decisions")).to_contain_text(done[1].title)
    assert set(
        Task.objects.filter(pk__in=[t.pk for t in done]).values_list("status", flat=True)
    ) == {"open"}

    # Go with another vendor: refused without the reason, recorded with it.
    page.locator('input[name="outcome"][value="go"]').check()
    expect(page.locator("#part-vendor")).to_be_visible()
    page.locator('textarea[name="reason"]').fill("Service decides it")
    page.locator('select[name="vendor"]').select_option(str(vendor.pk))
    page.get_by_role("button", name=said(language, "Record the decision")).click()
    expect(page.locator("#form-errors")).to_contain_text(vendor.name)
    page.locator('textarea[name="vendor_reason"]').fill("Engineers on site in our city")
    page.get_by_role("button", name=said(language, "Record the decision")).click()
    expect(page.locator("#gate-status")).to_have_text(said(language, "Passed"))
    expect(page.locator(".decision-vendor").first).to_contain_text("Engineers on site in our city")

    # IT's counter-offer: accepted.
    offered = StaffingRequest.objects.get(rollout=crm, status="partial")
    page.goto(site + reverse("staffing:staffing_request", args=[crm.pk, offered.pk]))
    expect(page.locator("#counter-offer")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name=said(language, "Accept the counter-offer")).click()
    expect(page.locator("#request-status")).to_have_text(said(language, "Committed in full"))
    offered.refresh_from_db()
    assert offered.hours_per_week == Decimal("36")
