"""On a phone (390 x 844, touch): the rollout's tabs are one menu, opened by keyboard and by
tap; the controls people press are at least 44 px tall; the navigation leaves the first
screen to the page; submitting scores (final) asks first, and "not yet" keeps the scorecard
editable."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from demo.keys import demo_rollout, demo_task
from roles.models import User
from selection import services as selection
from tests.browser.conftest import sign_in
from tests.browser.language import use_language

PHONE = {"width": 390, "height": 844}
pytestmark = [
    pytest.mark.browser,
    pytest.mark.browser_context_args(viewport=PHONE, has_touch=True, is_mobile=True),
]

MENU = {"en": "Sections of the rollout", "zh-hans": "项目栏目"}
YES = {"en": "Yes, submit my scores (final)", "zh-hans": "是的，提交我的评分（提交后不可更改）"}
NOT_YET = {"en": "Not yet: save them and keep editing", "zh-hans": "暂不提交：保存并继续编辑"}
TOUCH = 44
# The controls a person presses: buttons, the navigation's links, form fields, the step
# that asks before an action. Only those on screen are measured.
CONTROLS = ".btn, .nav-link, .page-link, .navbar-toggler, .form-control, .form-select, summary"
MEASURE = """(selector) => [...document.querySelectorAll(selector)]
  .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden")
  .map(e => [e.outerHTML.slice(0, 90), Math.round(e.getBoundingClientRect().height * 10) / 10])"""


def crm_url(site: str, name: str, *args: int) -> str:
    return site + reverse(name, args=[demo_rollout("crm").pk, *args])


def too_small(page: Page) -> list[tuple[str, float]]:
    measured = page.evaluate(MEASURE, CONTROLS)
    assert measured, "nothing measured: the selector found no control"
    return [(html, height) for html, height in measured if height < TOUCH]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_tabs_are_one_menu_that_the_keyboard_opens(page: Page, site, language):
    sign_in(page, site, "ceo")
    use_language(page, site, language)
    page.goto(crm_url(site, "gates:rollout_detail"))
    tabs = page.locator("#rollout-sections .nav-link")
    expect(tabs.first).to_be_hidden()
    toggle = page.get_by_role("button", name=MENU[language])
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(tabs.first).to_be_visible()
    page.keyboard.press("Tab")  # the first tab is the next stop
    expect(tabs.first).to_be_focused()
    # One column: every tab starts at the same left edge.
    lefts = {round(box["x"]) for box in (t.bounding_box() for t in tabs.all()) if box}
    assert len(lefts) == 1, lefts


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_tap_opens_the_menu_and_a_tab_leads_to_its_page(page: Page, site, language):
    sign_in(page, site, "ceo")
    use_language(page, site, language)
    page.goto(crm_url(site, "gates:rollout_detail"))
    page.get_by_role("button", name=MENU[language]).tap()
    timeline = page.locator("#rollout-sections").get_by_role(
        "link", name={"en": "Timeline", "zh-hans": "时间线"}[language]
    )
    timeline.tap()
    expect(page).to_have_url(re.compile(r"/timeline/$"))
    expect(page.locator("#rollout-sections .nav-link.active")).to_be_hidden()  # folded again


@pytest.mark.browser_context_args(viewport=PHONE, java_script_enabled=False)
def test_without_javascript_the_tabs_stay_open_and_the_menu_button_is_gone(page: Page, site):
    sign_in(page, site, "ceo")
    page.goto(crm_url(site, "gates:rollout_detail"))
    expect(page.locator("#rollout-sections .nav-link").first).to_be_visible()
    expect(page.locator(".rollout-menu-toggle")).to_be_hidden()


def test_controls_are_at_least_44_px_tall_on_my_work_the_task_pages_and_the_board(page: Page, site):
    sign_in(page, site, "member1")
    page.goto(site + reverse("gates:home"))
    assert too_small(page) == []
    task = demo_task(demo_rollout("crm"), "customer_fields")
    page.goto(crm_url(site, "work:task_detail", task.pk))
    page.get_by_role("button", name=MENU["en"]).tap()  # the tabs measured too
    expect(page.locator("#rollout-sections .nav-link").first).to_be_visible()
    assert too_small(page) == []
    page.goto(crm_url(site, "work:my_tasks"))  # where "Claim done…" asks first
    assert too_small(page) == []
    page.context.clear_cookies()  # signed out
    sign_in(page, site, "sales.manager")
    page.goto(crm_url(site, "work:board"))
    assert too_small(page) == []


def test_the_navigation_leaves_the_first_screen_to_the_page(page: Page, site):
    sign_in(page, site, "member1")
    page.goto(site + reverse("gates:home"))
    header = page.locator("header").bounding_box()
    assert header is not None and header["height"] <= 72
    heading = page.locator("main h1, main h2").first.bounding_box()
    assert heading is not None and heading["y"] < 150


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_submitting_scores_asks_first_and_not_yet_keeps_the_scorecard_editable(
    page: Page, site, language
):
    crm = demo_rollout("crm")
    sel_it = User.objects.get(username="sel.it")
    selection.scores_reopen(
        by=User.objects.get(username="sel.senior"), rollout=crm, member=sel_it, reason="Again"
    )
    sign_in(page, site, "sel.it")
    use_language(page, site, language)
    page.goto(crm_url(site, "selection:scorecard"))
    yes = page.get_by_role("button", name=YES[language])
    expect(yes).to_be_hidden()
    page.locator("#submit-scores > summary").tap()
    expect(yes).to_be_visible()  # the question, before anything is final
    assert not selection.has_submitted(sel_it, crm)
    page.get_by_role("button", name=NOT_YET[language]).tap()
    expect(page.get_by_role("status")).to_be_visible()  # "Scores saved"
    expect(page.locator("select[name^=score_]").first).to_be_enabled()
    expect(page.locator("#submit-scores > summary")).to_be_visible()
    assert not selection.has_submitted(sel_it, crm)
