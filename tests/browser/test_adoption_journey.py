"""The After go-live journey, in English and in Chinese: IT's manager records last month's
figure that IT still owed on the After go-live page; the executive then sees the Improve
gate's "adoption recorded" criterion met, and the benefits page sets the finance seat's
expected yearly benefit beside the realised one. axe-core finds nothing serious."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from demo.keys import demo_rollout
from gates.models import Gate
from goals.adoption_selectors import previous_month
from goals.models import AdoptionMeasure
from roles.models import Department
from tests.browser.conftest import sign_in
from tests.browser.language import use_language
from tests.browser.test_accessibility import axe_violations

# bypass_csp: axe-core is added to the page as a script of the test's own.
pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(bypass_csp=True)]

WORDS = {
    "en": {"tab": "After go-live", "record": "Record", "done": "recorded",
           "criterion": "Every department recorded its adoption measures for last month",
           "short": "short"},
    "zh-hans": {"tab": "上线之后", "record": "记录", "done": "已录入",
                "criterion": "每个部门都已录入上月的使用情况指标", "short": "差"},
}  # fmt: skip
COMPLETE = "Customer records complete · 客户资料完整率"


@pytest.mark.parametrize("language", list(WORDS))
def test_a_manager_records_a_month_and_the_improve_gate_sees_it(page: Page, site, language):
    words = WORDS[language]
    crm = demo_rollout("crm")
    measure = AdoptionMeasure.objects.get(rollout=crm, name=COMPLETE)
    month = previous_month(timezone.localdate())
    gate = Gate.objects.get(rollout=crm, key="improve")
    criterion = page.locator("#criteria li").filter(has_text=words["criterion"])

    sign_in(page, site, "ceo")
    use_language(page, site, language)
    page.goto(f"{site}{reverse('gates:gate_detail', args=[crm.pk, gate.pk])}")
    expect(criterion.locator(".text-bg-danger")).to_have_count(1)  # IT still owes a figure
    page.context.clear_cookies()

    sign_in(page, site, "it.manager")
    use_language(page, site, language)
    page.goto(f"{site}{reverse('gates:rollout_detail', args=[crm.pk])}")
    page.locator(".rollout-tabs").get_by_role("link", name=words["tab"], exact=True).click()
    form = page.locator("#adoption-value-form")
    form.locator("#id_measure").select_option(str(measure.pk))
    form.locator("#id_department").select_option(str(Department.objects.get(code="it").pk))
    form.locator("#id_month").fill(f"{month:%Y-%m}")
    form.locator("#id_value").fill("58")
    form.get_by_role("button", name=words["record"]).click()
    expect(page.get_by_role("status").first).to_contain_text(words["done"])
    it_row = page.locator(f"#adoption-{measure.pk} tr[data-department='it']")
    expect(it_row.locator("td").nth(3)).to_have_text("58")  # last month: the fourth of five
    assert axe_violations(page) == []
    page.context.clear_cookies()

    sign_in(page, site, "ceo")
    use_language(page, site, language)
    page.goto(f"{site}{reverse('gates:gate_detail', args=[crm.pk, gate.pk])}")
    expect(criterion.locator(".text-bg-success")).to_have_count(1)
    page.goto(f"{site}{reverse('goals:adoption', args=[crm.pk])}")
    page.locator("#benefits-link").click()
    expect(page.locator("#expected-benefit")).to_have_text("¥900,000")
    expect(page.locator("#realised-benefit")).to_contain_text("¥310,000")
    expect(page.locator("#benefit-gap")).to_contain_text(words["short"])
    expect(page.locator("#benefit-share")).to_have_text("34 %")
    assert axe_violations(page) == []
