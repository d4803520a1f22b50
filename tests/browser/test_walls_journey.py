"""Taking down the walls, in both languages: the Sales manager opens the Walls tab, adds a
hand-off from Sales to Production on lead to order, marks the hand-filled order form retired,
and the overview then counts it. The Walls page, the
hand-off form and the overview pass axe-core."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from demo.keys import demo_rollout, demo_workstream
from roles.models import Department, User
from tests.browser.conftest import sign_in
from tests.browser.language import use_language
from tests.browser.test_accessibility import axe_violations
from work.walls import Handoff, OldWayRetirement

pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(bypass_csp=True)]

WORDS = {
    "en": {"walls": "Walls", "add": "Add a hand-off", "from": "Handing department",
           "to": "Receiving department", "what": "What is handed over", "owner": "Owner",
           "state": "State", "save": "Save", "saved": "saved.", "retire": "Mark retired",
           "retired": "is retired.", "counts": "Old ways retired: 2 of 4"},
    "zh-hans": {"walls": "部门墙", "add": "添加交接", "from": "交出部门", "to": "接收部门",
                "what": "交接内容", "owner": "负责人", "state": "状态", "save": "保存",
                "saved": "已保存。", "retire": "标为已淘汰", "retired": "已淘汰。",
                "counts": "已淘汰的旧做法：2 / 4"},
}  # fmt: skip

WHAT = "Production plan from confirmed orders · 按已确认订单排产"


@pytest.mark.parametrize("language", list(WORDS))
def test_a_manager_adds_a_handoff_and_retires_an_old_way(page: Page, site, language):
    words = WORDS[language]
    crm = demo_rollout("crm")
    lead_to_order = demo_workstream(crm, "lead_to_order")
    paper_form = OldWayRetirement.objects.get(workstream=lead_to_order, kind="form")
    sign_in(page, site, "sales.manager")
    use_language(page, site, language)

    page.goto(site + reverse("gates:rollout_detail", args=[crm.pk]))
    page.get_by_role("link", name=words["walls"], exact=True).click()
    assert axe_violations(page) == []
    section = page.locator(f"#walls-{lead_to_order.pk}")
    section.get_by_role("link", name=words["add"]).click()
    page.get_by_label(words["from"]).select_option(str(Department.objects.get(code="sales").pk))
    page.get_by_label(words["to"]).select_option(str(Department.objects.get(code="production").pk))
    page.get_by_label(words["what"]).fill(WHAT)
    owner = User.objects.get(username="member2")
    page.get_by_label(words["owner"], exact=True).select_option(str(owner.pk))
    assert axe_violations(page) == []
    page.get_by_role("button", name=words["save"], exact=True).click()

    expect(page.get_by_role("status").first).to_contain_text(words["saved"])
    expect(section.locator("table.handoffs")).to_contain_text(WHAT)
    section.locator(f"#old-way-{paper_form.pk}").get_by_role("button", name=words["retire"]).click()
    expect(page.get_by_role("status").first).to_contain_text(words["retired"])
    assert axe_violations(page) == []
    assert Handoff.objects.filter(workstream=lead_to_order, what=WHAT, owner=owner).exists()

    page.goto(site + reverse("gates:rollout_detail", args=[crm.pk]))
    expect(page.locator("#walls-summary")).to_contain_text(words["counts"])
    assert axe_violations(page) == []
