"""Finding and changing work on the board, in English and in Chinese: the Sales manager
filters the board, reloads the bookmarked URL and finds the filter kept, verifies a claim
on the Kanban with the keyboard alone, and re-dates two tasks at once; a refused bulk change
comes back with the tasks still ticked and the values typed; a member searches
for a Chinese word inside a longer title. axe-core finds nothing serious on those pages."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import Page, expect

from demo.keys import demo_rollout, demo_task
from tests.browser.conftest import sign_in
from tests.browser.language import use_language
from tests.browser.test_accessibility import axe_violations
from work.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(bypass_csp=True)]

LANGUAGES = ["en", "zh-hans"]


def t(language: str, text: str, **values: str) -> str:
    with translation.override(language):
        return gettext(text) % values if values else gettext(text)


def open_board(page: Page, site: str, language: str) -> None:
    sign_in(page, site, "sales.manager")
    use_language(page, site, language)
    page.goto(f"{site}/rollouts/{demo_rollout('crm').pk}/board/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_filter_bookmark_kanban_verify_and_bulk_redate(page: Page, site, language):
    crm = demo_rollout("crm")
    claim = demo_task(crm, "cleanup_batch1")  # Sales' claim
    open_board(page, site, language)

    # Filter by status: the URL holds the filter; reloading it keeps it.
    page.get_by_label(t(language, "Status"), exact=True).select_option("claimed")
    page.get_by_role("button", name=t(language, "Apply")).click()
    expect(page).to_have_url(re.compile(r"status=claimed"))
    bookmarked = page.url
    page.goto(bookmarked)
    expect(page.get_by_label(t(language, "Status"), exact=True)).to_have_value("claimed")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(claim.title)
    assert axe_violations(page) == []

    # The Kanban, filter kept; the claim verified with the keyboard alone.
    page.get_by_role("link", name=t(language, "Kanban"), exact=True).click()
    expect(page).to_have_url(re.compile(r"view=kanban.*status=claimed|status=claimed.*view=kanban"))
    expect(page.locator("#kanban-all")).to_be_visible()  # every matching task, not a page
    move = page.get_by_role(
        "button", name=t(language, "Move “%(title)s” to verified done", title=claim.title)
    )
    move.focus()
    expect(move).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text(
        t(language, "“%(task)s” is verified done.", task=claim.title)
    )
    expect(page).to_have_url(re.compile(r"view=kanban"))
    assert Task.objects.get(pk=claim.pk).status == "verified"
    assert axe_violations(page) == []

    # Bulk re-date: two unfinished tasks of Sales, all at once, the sort kept.
    page.goto(f"{site}/rollouts/{crm.pk}/board/?sort=title")
    chosen = [demo_task(crm, "customer_fields").title, demo_task(crm, "train_sales").title]
    for title in chosen:
        page.locator("tbody tr", has_text=title).locator('input[name="tasks"]').check()
    page.get_by_label(t(language, "Change"), exact=True).select_option("redate")
    new_date = timezone.localdate() + timedelta(days=60)
    page.get_by_label(t(language, "New due date")).fill(new_date.isoformat())
    page.get_by_role("button", name=t(language, "Change the selected tasks")).click()
    with translation.override(language):
        changed = ngettext("%(count)s task changed.", "%(count)s tasks changed.", 2) % {"count": 2}
    expect(page.get_by_role("status").first).to_contain_text(changed)
    expect(page).to_have_url(re.compile(r"sort=title"))
    for title in chosen:
        row = page.locator("tbody tr", has_text=title)
        expect(row.locator("td.due")).to_have_text(new_date.isoformat())


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_member_searches_a_chinese_word_inside_a_title(page: Page, site, language):
    crm = demo_rollout("crm")
    sign_in(page, site, "member1")
    use_language(page, site, language)
    page.goto(f"{site}/rollouts/{crm.pk}/tasks/mine/")
    page.get_by_label(t(language, "Search tasks, people and vendors")).fill("客户")
    page.get_by_role("button", name=t(language, "Search"), exact=True).click()
    found = page.locator("#search-tasks")
    expect(found).to_contain_text(demo_task(crm, "customer_fields").title)
    assert axe_violations(page) == []
    found.get_by_role("link", name=demo_task(crm, "customer_fields").title).click()
    expect(page.locator("h1, h2").first).to_be_visible()


def test_a_claim_dragged_to_verified_is_verified(page: Page, site):
    crm = demo_rollout("crm")
    claim = demo_task(crm, "cleanup_batch1")
    open_board(page, site, "en")
    page.goto(f"{site}/rollouts/{crm.pk}/board/?view=kanban")
    card = page.locator(f"#card-{claim.pk}")
    card.drag_to(page.locator('.kanban-column[data-status="verified"]'))
    expect(page.get_by_role("status").first).to_contain_text("is verified done")
    expect(page.locator('.kanban-column[data-status="verified"]')).to_contain_text(claim.title)


def test_a_claim_dragged_to_sent_back_asks_for_the_reason(page: Page, site):
    crm = demo_rollout("crm")
    claim = demo_task(crm, "cleanup_batch1")
    open_board(page, site, "en")
    page.goto(f"{site}/rollouts/{crm.pk}/board/?view=kanban")
    page.locator(f"#card-{claim.pk}").drag_to(
        page.locator('.kanban-column[data-status="sent_back"]')
    )
    reason = page.locator(f"#kanban-reason-{claim.pk}")
    expect(reason).to_be_focused()
    assert Task.objects.get(pk=claim.pk).status == "claimed"  # nothing sent without a reason


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_bulk_change_keeps_the_ticks_and_what_was_typed(page: Page, site, language):
    crm = demo_rollout("crm")
    open_board(page, site, language)
    page.goto(f"{site}/rollouts/{crm.pk}/board/?sort=title")
    chosen = [demo_task(crm, "customer_fields"), demo_task(crm, "train_sales")]
    for task in chosen:
        page.locator(f"#select-{task.pk}").check()
    new_date = (timezone.localdate() + timedelta(days=60)).isoformat()
    page.get_by_label(t(language, "New due date")).fill(new_date)
    # "Reassign to" without a member: refused, nothing changed.
    page.get_by_label(t(language, "Change"), exact=True).select_option("reassign")
    page.get_by_role("button", name=t(language, "Change the selected tasks")).click()

    expect(page.locator(".alert-danger").first).to_contain_text(
        t(language, "Choose the member the tasks go to.")
    )
    expect(page).to_have_url(re.compile(r"sort=title"))
    for task in chosen:
        expect(page.locator(f"#select-{task.pk}")).to_be_checked()
    expect(page.get_by_label(t(language, "Change"), exact=True)).to_have_value("reassign")
    expect(page.get_by_label(t(language, "New due date"))).to_have_value(new_date)
    assert axe_violations(page) == []

    # Corrected: the member chosen, the same ticks go through.
    page.get_by_label(t(language, "New assignee")).select_option(label="Zhao Min (赵敏)")
    page.get_by_role("button", name=t(language, "Change the selected tasks")).click()
    with translation.override(language):
        changed = ngettext("%(count)s task changed.", "%(count)s tasks changed.", 2) % {"count": 2}
    expect(page.get_by_role("status").first).to_contain_text(changed)
    for task in chosen:
        assert [p.username for p in Task.objects.get(pk=task.pk).assignees.all()] == ["member2"]
        expect(page.locator(f"#select-{task.pk}")).not_to_be_checked()
