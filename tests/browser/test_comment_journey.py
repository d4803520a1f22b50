"""The discussion journey, in English and in Chinese: a comment with a mention on a task,
picked from the rollout's people; the mentioned person finds it on My work (and the bell
counts it), in their own language; opening it shows the comment on the task's page and
marks it read, so My work lists it no more. axe-core finds nothing serious on the page
with its thread."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from demo.keys import demo_rollout, demo_task
from tests.browser.conftest import sign_in
from tests.browser.language import use_language
from tests.browser.test_accessibility import axe_violations

# bypass_csp: axe-core is added to the page as a script of the test's own.
pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(bypass_csp=True)]

JOURNEYS = {
    # language: (author, mentioned, the mentioned person's language's words, UI words)
    "en": ("sales.manager", "member1", "mentioned you in a comment on the task",
           {"mention": "Mention someone", "post": "Post comment"}),
    "zh-hans": ("ceo", "finance.manager", "的评论中提到了你",
                {"mention": "提及成员", "post": "发表评论"}),
}  # fmt: skip


@pytest.mark.parametrize("language", list(JOURNEYS))
def test_a_mention_on_a_task_reaches_the_person(page: Page, site, language):
    author, mentioned, told, words = JOURNEYS[language]
    crm = demo_rollout("crm")
    task_page = reverse("work:task_detail", args=[crm.pk, demo_task(crm, "customer_fields").pk])
    body = f"Please check the field list: https://example.com/fields ({language})"

    sign_in(page, site, author)
    use_language(page, site, language)
    page.goto(f"{site}{task_page}")
    picker = page.get_by_label(words["mention"])
    picker.fill(mentioned)
    picker.press("Enter")  # as picking from the list does: the name goes into the comment
    comment_box = page.locator("#comment-body")
    expect(comment_box).to_have_value(f"@{mentioned} ")
    comment_box.press("End")
    comment_box.type(body)
    page.get_by_role("button", name=words["post"]).click()
    comment = page.locator("li.thread-comment", has_text=body)
    expect(comment).to_be_visible()
    expect(comment.get_by_role("link", name="https://example.com/fields")).to_have_attribute(
        "rel", "noopener nofollow ugc"
    )
    expect(page.locator("#comment-body")).to_have_value("")
    assert axe_violations(page) == []
    page.context.clear_cookies()

    sign_in(page, site, mentioned)
    use_language(page, site, language)
    page.goto(f"{site}/")
    expect(page.locator("#bell .bell-count")).to_be_visible()
    mentions = page.locator('li.waiting-item[data-kind="mention"]')
    before = mentions.count()
    mentions.get_by_role("button", name=re.compile(told)).first.click()
    expect(page).to_have_url(re.compile(rf"{re.escape(task_page)}#comment-\d+$"))
    expect(page.locator("li.thread-comment", has_text=body)).to_be_visible()
    # Opened, so read: My work no longer lists it.
    page.goto(f"{site}/")
    expect(page.locator("#waiting-heading")).to_be_visible()
    expect(mentions).to_have_count(before - 1)
