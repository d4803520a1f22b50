"""The risk register, in both languages, on the after-sales pilot (its register is empty):
the executive adds one of the article's risks from the starting entries and hands it to
the member; the member, its owner, records the mitigation; the executive marks the register
reviewed, and the adoption gate's criterion "risks reviewed" turns met. Each page passes
axe-core."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from demo.keys import demo_rollout
from gates.models import Gate
from tests.browser.conftest import sign_in
from tests.browser.language import use_language
from tests.browser.test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(bypass_csp=True)]

WORDS = {
    "en": {"tab": "Risks", "add": "Add the chosen risks", "edit": "Edit", "owner": "Owner",
           "due": "Mitigation due", "save": "Save changes", "mitigation": "Mitigation",
           "status": "Status", "mitigated": "Mitigated", "review": "Mark the register reviewed",
           "note": "Note (what was decided)", "mark": "Mark reviewed",
           "reviewed": "The risk register is marked reviewed.",
           "risk": "Departments do not release their part-time staff",
           "criterion": "The risks were reviewed since the last gate"},
    "zh-hans": {"tab": "风险", "add": "添加所选风险", "edit": "编辑", "owner": "负责人",
                "due": "应对截止日期", "save": "保存修改", "mitigation": "应对措施",
                "status": "状态", "mitigated": "已应对", "review": "标记风险登记册已评审",
                "note": "备注（决定了什么）", "mark": "标记为已评审",
                "reviewed": "风险登记册已标记为已评审。",
                "risk": "部门兼职人员不到位",
                "criterion": "自上一关口以来已评审风险"},
}  # fmt: skip
# The article's other three risks, left out of the register.
OTHERS = {
    "en": ["The executive only lends a name to the project", "Middle managers resist the change",
           "The system is chosen on price alone"],
    "zh-hans": ["一把手只是挂帅而已", "中层经理成为阻力中层", "只凭价格选择系统"],
}  # fmt: skip


def as_person(page: Page, site: str, username: str, language: str) -> None:
    page.context.clear_cookies()
    sign_in(page, site, username)
    use_language(page, site, language)


@pytest.mark.parametrize("language", list(WORDS))
def test_a_risk_from_the_article_is_owned_mitigated_and_reviewed(page: Page, site, language):
    words = WORDS[language]
    pilot = demo_rollout("pilot")
    adopt = Gate.objects.get(rollout=pilot, key="adopt")

    # The executive takes one of the article's risks in and hands it to the member.
    as_person(page, site, "pilot.lead", language)
    page.goto(site + reverse("gates:rollout_detail", args=[pilot.pk]))
    page.get_by_role("link", name=words["tab"], exact=True).click()
    assert axe_violations(page) == []
    for other in OTHERS[language]:
        page.get_by_label(other).uncheck()
    page.get_by_role("button", name=words["add"]).click()
    register = page.locator("#risk-register")
    expect(register).to_contain_text(words["risk"])
    page.get_by_role("link", name=f"{words['edit']} {words['risk']}").click()
    page.get_by_label(words["owner"]).select_option(label="Tang Mei (唐梅)")
    page.get_by_label(words["due"]).fill("2030-06-30")
    page.get_by_role("button", name=words["save"]).click()
    expect(register).to_contain_text("Tang Mei (唐梅)")

    # Its owner records what is done against it.
    as_person(page, site, "pilot.member", language)
    page.goto(site + reverse("risks:risks", args=[pilot.pk]))
    page.get_by_role("link", name=f"{words['edit']} {words['risk']}").click()
    assert axe_violations(page) == []
    page.get_by_label(words["mitigation"], exact=True).fill(
        "Service desk hours agreed 服务台工时已约定"
    )
    page.get_by_label(words["status"]).select_option(label=words["mitigated"])
    page.get_by_role("button", name=words["save"]).click()
    expect(register).to_contain_text("Service desk hours agreed")

    # The executive marks the register reviewed: the gate's criterion is met.
    as_person(page, site, "pilot.lead", language)
    page.goto(site + reverse("risks:risks", args=[pilot.pk]))
    page.get_by_text(words["review"]).click()
    page.get_by_label(words["note"]).fill("Pilot risks gone through")
    page.get_by_role("button", name=words["mark"]).click()
    expect(page.get_by_role("status").first).to_contain_text(words["reviewed"])
    expect(page.locator("#latest-review")).to_contain_text("Pilot risks gone through")
    page.goto(site + reverse("gates:gate_detail", args=[pilot.pk, adopt.pk]))
    criterion = page.locator("#criteria > li", has_text=words["criterion"])
    expect(criterion.locator(".text-bg-success")).to_have_count(1)
    assert axe_violations(page) == []
