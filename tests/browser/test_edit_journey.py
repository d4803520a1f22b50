"""Editing what was planned, in both languages: the Sales manager opens a task from the
board, gives it to another member with a later due date, and reads the change in the task's
history; the new assignee is told. The edit page and the task page pass axe-core."""

from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from demo.keys import demo_rollout, demo_task
from notifications.models import Notification
from roles.models import User
from tests.browser.conftest import sign_in
from tests.browser.language import use_language
from tests.browser.test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(bypass_csp=True)]

WORDS = {
    "en": {"edit": "Edit", "assignees": "Assignees", "due": "Due date", "save": "Save changes",
           "saved": "saved. Changed: Assignees, Due date.",
           "history": "Activity and comments", "changed": "Changed"},
    "zh-hans": {"edit": "编辑", "assignees": "负责人", "due": "截止日期", "save": "保存修改",
                "saved": "已保存。修改项：负责人, 截止日期。",
                "history": "动态与评论", "changed": "修改了"},
}  # fmt: skip


@pytest.mark.parametrize("language", list(WORDS))
def test_a_manager_reassigns_and_re_dates_a_task_and_sees_the_history(page: Page, site, language):
    words = WORDS[language]
    crm = demo_rollout("crm")
    task = demo_task(crm, "customer_fields")
    new_due = (task.due_date + timedelta(days=14)).isoformat()
    sign_in(page, site, "sales.manager")
    use_language(page, site, language)

    page.goto(site + reverse("work:board", args=[crm.pk]))
    page.get_by_role("link", name=task.title).click()
    page.get_by_role("link", name=words["edit"], exact=True).click()
    assert axe_violations(page) == []
    page.get_by_label(words["assignees"]).select_option(label="Zhao Min (赵敏)")
    page.get_by_label(words["due"]).fill(new_due)
    page.get_by_role("button", name=words["save"]).click()

    expect(page.get_by_role("status").first).to_contain_text(words["saved"])
    history = page.locator("#thread")  # the task's one thread: edits among logs and comments
    expect(history.get_by_role("heading")).to_have_text(words["history"])
    expect(history.locator("li.thread-event", has_text=words["changed"])).to_have_count(2)
    expect(history).to_contain_text("Zhao Min (赵敏) (member2)")
    expect(history).to_contain_text(new_due)
    assert axe_violations(page) == []
    member2 = User.objects.get(username="member2")
    assert Notification.objects.filter(recipient=member2, text__contains=task.title).exists()
