"""The timeline in a browser, in both languages: the executive opens it from the rollout's
tabs, reads the phases, the waiting gate and the critical path in the drawing and the
table, with no serious or critical accessibility violation; printed, it is on A4 landscape
without the navigation."""

import io

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from demo.keys import demo_rollout, demo_task
from tests.browser.conftest import sign_in
from tests.browser.language import use_language
from tests.browser.test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(bypass_csp=True)]

WORDS = {
    "en": {"tab": "Timeline", "path": "Critical path", "yes": "Yes", "waiting": "3 days"},
    "zh-hans": {"tab": "时间线", "path": "关键路径", "yes": "是", "waiting": "3 天"},
}
A4_LANDSCAPE = (842, 595)  # points


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_executive_reads_the_timeline(page: Page, site, language):
    words = WORDS[language]
    crm = demo_rollout("crm")
    batch1, batch2 = demo_task(crm, "cleanup_batch1"), demo_task(crm, "cleanup_batch2")
    sign_in(page, site, "ceo")
    use_language(page, site, language)
    page.goto(site + reverse("gates:rollout_detail", args=[crm.pk]))
    page.locator("#rollout-sections").get_by_role("link", name=words["tab"]).click()
    expect(page.get_by_role("img", name=words["tab"])).to_be_visible()
    path = page.locator("#critical-path")
    expect(path).to_contain_text(words["path"])
    expect(path.get_by_role("link")).to_have_text([batch1.title, batch2.title])
    # The drawing and the table say the same: batch 2 waits for batch 1, both critical.
    expect(page.locator(f'g.task-bar.critical[data-task="{batch2.pk}"]')).to_have_count(1)
    row = page.locator(f'#timeline-tasks tr[data-task="{batch2.pk}"]')
    expect(row.locator("td.waits-for")).to_have_text(batch1.title)
    expect(row.locator("td.critical")).to_have_text(words["yes"])
    expect(page.locator('#timeline-gates tr[data-gate="select"] td.waiting')).to_have_text(
        words["waiting"]
    )
    assert axe_violations(page) == []


def test_printed_it_is_a4_landscape_without_the_navigation(page: Page, site):
    crm = demo_rollout("crm")
    sign_in(page, site, "ceo")
    page.goto(site + reverse("gates:timeline", args=[crm.pk]))
    page.emulate_media(media="print")
    expect(page.locator("header")).to_be_hidden()
    expect(page.locator(".rollout-tabs")).to_be_hidden()
    expect(page.get_by_role("img", name="Timeline")).to_be_visible()
    svg = page.locator("svg.timeline").bounding_box()
    main = page.locator("main").bounding_box()
    assert svg is not None and main is not None and svg["width"] <= main["width"]
    first = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True))).pages[0]
    size = (round(float(first.mediabox.width)), round(float(first.mediabox.height)))
    assert size == A4_LANDSCAPE
