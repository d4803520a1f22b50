"""After go-live, in both languages: the Finance manager opens the Backlog tab, adds an
improvement for Finance owned by one of their members and closes their own overdue one; the
member marks theirs done; the Improve gate's backlog criterion, not met before, is then met
(Sales and IT have one done each in the demo). The Backlog page, the item form and the gate
page pass axe-core."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from demo.keys import demo_rollout
from gates.models import Gate
from roles.models import User
from tests.browser.conftest import sign_in
from tests.browser.language import use_language
from tests.browser.test_accessibility import axe_violations
from work.improvements import ImprovementItem

pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(bypass_csp=True)]

WORDS = {
    "en": {"backlog": "Backlog", "add": "Add an improvement for Finance",
           "what": "What is to be improved", "kind": "Kind", "owner": "Owner",
           "due": "Due date", "save": "Save", "saved": "saved.", "set": "Set",
           "now": "is now: Done.", "met": "✓ met", "not_met": "✗ not met",
           "criterion": "Every department's improvement backlog has no overdue item"},
    "zh-hans": {"backlog": "改进清单", "add": "为财务部添加改进事项", "what": "要改进的内容",
                "kind": "类别", "owner": "负责人", "due": "截止日期", "save": "保存",
                "saved": "已保存。", "set": "设置", "now": "现在的状态：已完成。",
                "met": "✓ 已满足", "not_met": "✗ 未满足",
                "criterion": "每个部门的改进清单没有逾期事项"},
}  # fmt: skip

TITLE = "Invoices matched to orders in the CRM · 在CRM中将发票与订单匹配"


def backlogs_criterion(page: Page, words: dict[str, str]):
    return page.locator("#criteria li").filter(has_text=words["criterion"])


@pytest.mark.parametrize("language", list(WORDS))
def test_a_manager_adds_an_improvement_the_owner_finishes_it_and_the_gate_sees_it(
    page: Page, site, language
):
    words = WORDS[language]
    crm = demo_rollout("crm")
    improve = Gate.objects.get(rollout=crm, key="improve")
    gate_url = site + reverse("gates:gate_detail", args=[crm.pk, improve.pk])
    manager = User.objects.get(username="finance.manager")
    overdue = ImprovementItem.objects.get(rollout=crm, department__code="finance", owner=manager)
    member = User.objects.get(username="member5")

    sign_in(page, site, "finance.manager")
    use_language(page, site, language)
    page.goto(gate_url)
    expect(backlogs_criterion(page, words)).to_contain_text(words["not_met"])

    page.goto(site + reverse("gates:rollout_detail", args=[crm.pk]))
    page.get_by_role("link", name=words["backlog"], exact=True).click()
    assert axe_violations(page) == []
    page.get_by_role("link", name=words["add"]).click()
    page.get_by_label(words["what"]).fill(TITLE)
    page.get_by_label(words["kind"]).select_option("data_quality")
    page.get_by_label(words["owner"], exact=True).select_option(str(member.pk))
    due = timezone.localdate() + timedelta(days=14)
    page.get_by_label(words["due"]).fill(due.isoformat())
    assert axe_violations(page) == []
    page.get_by_role("button", name=words["save"], exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text(words["saved"])
    expect(page.locator("#backlog-finance")).to_contain_text(TITLE)

    row = page.locator(f"#improvement-{overdue.pk}")
    row.locator("select[name=status]").select_option("done")
    row.get_by_role("button", name=words["set"], exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text(words["now"])
    assert axe_violations(page) == []

    page.context.clear_cookies()
    sign_in(page, site, "member5")
    use_language(page, site, language)
    page.goto(site + reverse("work:backlog", args=[crm.pk]))
    item = ImprovementItem.objects.get(rollout=crm, title=TITLE)
    assert item.owner == member
    row = page.locator(f"#improvement-{item.pk}")
    row.locator("select[name=status]").select_option("done")
    row.get_by_role("button", name=words["set"], exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text(words["now"])

    page.goto(gate_url)
    expect(backlogs_criterion(page, words)).to_contain_text(words["met"])
    assert axe_violations(page) == []
