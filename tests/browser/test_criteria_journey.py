"""The senior seat's criteria journey, in English and in Chinese: while the weights are
open, reword and reweight a criterion, add one and remove it again, each change in the
history; once scoring opens, the page says why nothing can change and offers no form."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from demo.keys import demo_rollout
from selection.models import Criterion, Weighting
from tests.browser.conftest import sign_in
from tests.browser.language import use_language
from tests.browser.test_accessibility import axe_violations

# bypass_csp: axe-core is added to the page as a script of the test's own.
pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(bypass_csp=True)]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_senior_seat_edits_the_criteria_until_the_lock(page: Page, site, language):
    crm = demo_rollout("crm")
    Weighting.objects.filter(rollout=crm).update(locked_at=None, locked_by=None)
    criterion = Criterion.objects.filter(rollout=crm, seat="it").earliest("pk")
    sign_in(page, site, "sel.senior")
    use_language(page, site, language)
    page.goto(f"{site}/rollouts/{crm.pk}/selection/criteria/")
    row = page.locator(f'tr[data-criterion="{criterion.pk}"]')
    row.locator("summary").click()
    row.locator(f"#c{criterion.pk}_text_en").fill("Runs on our cloud tenant")
    row.locator(f"#c{criterion.pk}_weight").fill("3")
    row.locator("form").first.locator("button[type=submit]").click()
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.locator(f'tr[data-criterion="{criterion.pk}"] td.weight')).to_have_text("3")
    expect(page.locator("#criterion-history li").first).to_contain_text("Runs on our cloud tenant")

    page.locator("#new_dimension").select_option("service")
    page.locator("#new_seat").select_option("it")
    for field, text in (
        ("text_en", "Answers within a day"), ("text_zh_hans", "一天内答复"),
        ("guide_en", "1 a week · 3 two days · 5 same day"), ("guide_zh_hans", "1 一周 · 5 当天"),
    ):  # fmt: skip
        page.locator(f"#new_{field}").fill(text)
    page.locator("#new_weight").fill("2")
    page.locator("#add-criterion-heading ~ form button[type=submit]").click()
    added = Criterion.objects.get(rollout=crm, text_en="Answers within a day")
    row = page.locator(f'tr[data-criterion="{added.pk}"]')
    row.locator("summary").click()
    row.locator("form").last.locator("button[type=submit]").click()
    expect(page.locator(f'tr[data-criterion="{added.pk}"]')).to_have_count(0)
    expect(page.locator("#criterion-history li").first).to_contain_text("Answers within a day")
    assert axe_violations(page) == []

    Weighting.objects.filter(rollout=crm).update(locked_at=timezone.now())
    page.reload()
    expect(page.locator("#criteria-locked")).to_be_visible()
    expect(page.locator("details form")).to_have_count(0)
