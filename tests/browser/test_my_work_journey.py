"""Each demo login lands on My work, sees the item of its role, follows its link and does
it in at most three clicks, in English and in Chinese; the item then leaves the list. My
work has no serious or critical accessibility violation, with items and without."""

import re
from collections.abc import Callable

import pytest
from django.utils import translation
from playwright.sync_api import Locator, Page, ViewportSize, expect

from demo.keys import demo_rollout, demo_task_title
from gates.models import Decision, Gate
from tests.browser.conftest import sign_in
from tests.browser.language import use_language
from tests.browser.test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(bypass_csp=True)]

PHONE = ViewportSize(width=390, height=844)


def said(language: str, text: str) -> str:
    """The text as the page says it in `language` (the project's own translation)."""
    with translation.override(language):
        return str(translation.gettext(text))


def decide_go(page: Page, language: str) -> int:
    page.get_by_label(said(language, str(Decision.Outcome.GO.label)), exact=True).check()
    page.get_by_label(said(language, "Reason"), exact=True).fill("The selection is done.")
    page.get_by_role("button", name=said(language, "Record the decision")).click()
    return 2


def verify(page: Page, language: str) -> int:
    page.get_by_role("button", name=said(language, "Verify done")).click()
    return 1


def claim(page: Page, language: str) -> int:
    title = demo_task_title("customer_fields")
    row = page.locator("article.task-row", has_text=title)
    row.locator("summary").click()
    with translation.override(language):
        yes = translation.gettext("Yes, claim “%(title)s” done") % {"title": title}
    row.get_by_role("button", name=yes).click()
    expect(row.locator(".task-progress")).to_have_text("100 %")
    return 2


def submit_scores(page: Page, language: str) -> int:
    page.locator("#submit-scores > summary").click()  # final, so it asks first
    page.get_by_role("button", name=said(language, "Yes, submit my scores (final)")).click()
    return 2


def select_gate(language: str) -> str:
    gate = Gate.objects.get(rollout=demo_rollout("crm"), key="select")
    return str(gate.name_zh_hans if language == "zh-hans" else gate.name_en)


# Who signs in, the kind of item of their role, its subject in a language, and the action
# after the link (it returns its clicks).
JOURNEYS: dict[str, tuple[str, Callable[[str], str], Callable[[Page, str], int]]] = {
    "ceo": ("gate", select_gate, decide_go),
    "sales.manager": ("claim", lambda _language: demo_task_title("cleanup_batch1"), verify),
    "member1": ("task", lambda _language: demo_task_title("customer_fields"), claim),
    "sel.it": ("scorecard", lambda language: said(language, "Your scorecard"), submit_scores),
}


def item(page: Page, kind: str, subject: str) -> Locator:
    return page.locator(f'li.waiting-item[data-kind="{kind}"]', has_text=subject)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("username", list(JOURNEYS))
def test_each_login_lands_on_my_work_and_does_its_item_in_three_clicks(
    page: Page, site, username, language
):
    kind, subject_of, act = JOURNEYS[username]
    subject = subject_of(language)
    sign_in(page, site, username)
    expect(page).to_have_url(re.compile(r"/$"))  # LOGIN_REDIRECT_URL: My work
    use_language(page, site, language)
    page.reload()
    expect(page.get_by_role("heading", name=said(language, "My work"), level=1)).to_be_visible()
    expect(page.locator("#my-work-link .waiting-count")).to_be_visible()

    item(page, kind, subject).get_by_role("link").click()
    clicks = 1 + act(page, language)
    assert clicks <= 3

    page.locator("#my-work-link").click()
    expect(page.get_by_role("heading", name=said(language, "My work"), level=1)).to_be_visible()
    expect(item(page, kind, subject)).to_have_count(0)


@pytest.mark.parametrize("username", ["sales.manager", "member2"])  # items; nothing waiting
def test_my_work_has_no_serious_accessibility_violation(page: Page, site, username):
    sign_in(page, site, username)
    found = []
    for language in ("en", "zh-hans"):
        use_language(page, site, language)
        page.set_viewport_size(PHONE)
        page.goto(f"{site}/")
        expect(page.locator("html")).to_have_attribute("lang", language)
        found += [f"{language}: {v}" for v in axe_violations(page)]
    assert found == [], "\n".join(found)
