"""The goal journey, in English and in Chinese: the executive sets a measurable target on
the Goal page and names its owner; the owner records the value of the day, and the
target's chart and table show it. axe-core finds nothing serious on the page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from demo.keys import demo_rollout
from goals.models import GoalTarget
from tests.browser.conftest import sign_in
from tests.browser.language import use_language
from tests.browser.test_accessibility import axe_violations

# bypass_csp: axe-core is added to the page as a script of the test's own.
pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(bypass_csp=True)]

WORDS = {
    "en": {"tab": "Goal", "set": "Set the target", "record": "Record", "done": "Target set"},
    "zh-hans": {"tab": "目标", "set": "设定指标", "record": "记录", "done": "已设定指标"},
}


@pytest.mark.parametrize("language", list(WORDS))
def test_the_executive_sets_a_target_and_its_owner_records_a_value(page: Page, site, language):
    words = WORDS[language]
    crm = demo_rollout("crm")
    measure = f"Quote turnaround ({language})"
    today = timezone.localdate().isoformat()

    sign_in(page, site, "ceo")
    use_language(page, site, language)
    page.goto(f"{site}{reverse('gates:rollout_detail', args=[crm.pk])}")
    page.locator(".rollout-tabs").get_by_role("link", name=words["tab"], exact=True).click()
    page.locator("#id_measure").fill(measure)
    page.locator("#id_unit").fill("h")
    page.locator("#id_baseline").fill("48")
    page.locator("#id_target").fill("24")
    page.locator("#id_due_date").fill((timezone.localdate() + timedelta(days=60)).isoformat())
    page.locator("#id_owner").select_option(label="Liu Yang (刘洋)")
    page.get_by_role("button", name=words["set"]).click()
    expect(page.get_by_role("status").first).to_contain_text(words["done"])
    expect(page.locator("#targets-table")).to_contain_text(measure)
    assert axe_violations(page) == []
    page.context.clear_cookies()

    target = GoalTarget.objects.get(rollout=crm, measure=measure)
    sign_in(page, site, "member1")
    use_language(page, site, language)
    page.goto(f"{site}{reverse('goals:goal', args=[crm.pk])}")
    card = page.locator(f"#target-{target.pk}")
    expect(page.locator(".actual-form")).to_have_count(1)  # their own target only
    card.locator(f"#id_t{target.pk}-as_of").fill(today)
    card.locator(f"#id_t{target.pk}-value").fill("36")
    card.get_by_role("button", name=words["record"]).click()
    card = page.locator(f"#target-{target.pk}")
    expect(card.locator("circle.chart-dot title")).to_have_text(f"{today}: 36")
    expect(card.locator(f"#actuals-{target.pk}")).to_contain_text("36 h")
    expect(page.locator(f"#summary-{target.pk}")).to_contain_text("50 %")
    assert axe_violations(page) == []
