"""The executive decides at the waiting gate in the browser; a manager reads the decision
and cannot decide; the PDF brief downloads, in Chinese when the language is zh-Hans."""

import io
import re

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from gates.models import Decision
from tests.browser.conftest import add_condition, sign_in

pytestmark = pytest.mark.browser


def open_gates(page: Page) -> None:
    page.get_by_role("link", name=re.compile("Cloud CRM rollout")).first.click()
    page.get_by_role("link", name="Gates", exact=True).click()


def test_go_with_a_condition_then_a_manager_reads_it_and_the_chinese_brief(page: Page, site):
    sign_in(page, site, "ceo")
    expect(page.locator(".pending-gate")).to_contain_text("Select the system")
    page.locator(".pending-gate").get_by_role("link").click()
    expect(page.locator("#criteria")).to_contain_text("All five selection seats are filled")
    page.get_by_label("Go with conditions").check()
    page.get_by_label("Reason", exact=True).fill("Service was compared this time.")
    add_condition(page, "Sign the service level agreement", "Zhang Wei (张伟)", 10)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status")).to_contain_text("Decision recorded: Go with conditions")
    expect(page.locator("#gate-status")).to_have_text("Passed")
    page.get_by_role("link", name="Gates", exact=True).click()
    expect(page.locator('tr[data-gate="contract"]')).to_contain_text("Waiting for the executive")
    page.get_by_role("button", name="Log out").click()

    sign_in(page, site, "it.manager")
    open_gates(page)
    page.locator('tr[data-gate="select"]').get_by_role("link").click()
    select_gate_url = page.url
    expect(page.locator("#decisions")).to_contain_text("Sign the service level agreement")
    expect(page.get_by_role("button", name="Record the decision")).to_have_count(0)
    page.get_by_role("link", name="Gates", exact=True).click()
    page.locator('tr[data-gate="contract"]').get_by_role("link").click()
    expect(page.locator("#only-executive")).to_be_visible()

    # In Chinese, the brief of the decided gate says the decision in Chinese.
    page.goto(select_gate_url)
    page.get_by_label("Language").select_option("zh-hans")
    page.get_by_role("button", name="Switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    with page.expect_download() as download:
        page.locator("a[href$='brief.pdf']").click()
    with open(download.value.path(), "rb") as pdf:
        text = PdfReader(io.BytesIO(pdf.read())).pages[0].extract_text()
    with translation.override("zh-hans"):
        go_with_conditions = str(Decision.Outcome.GO_WITH_CONDITIONS.label)
    assert go_with_conditions != "Go with conditions"
    assert go_with_conditions in text
