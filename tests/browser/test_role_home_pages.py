"""Each role signs in with the keyboard and mouse and lands on its own home page, My work,
with its role panel open on this first visit."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("username", "role_label", "section"),
    [
        ("ceo", "Executive", "The whole team, by role"),
        ("sales.manager", "Middle manager (Sales)", "Sales people on this rollout"),
        ("member1", "Implementation member", "Fellow members"),
        ("sel.it", "Selection team member (IT)", "The five seats"),
    ],
)
def test_each_role_lands_on_its_home_page(page: Page, site, username, role_label, section):
    sign_in(page, site, username)
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator(".role-block .badge-role").first).to_have_text(role_label)
    expect(page.get_by_role("heading", name=section).first).to_be_visible()


def test_a_chinese_speaker_lands_on_a_chinese_home_page(page: Page, site):
    sign_in(page, site, "finance.manager")  # prefers zh-hans
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", name="我的待办", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^答复人员请求"))).to_be_visible()


def test_the_language_switch_works_with_the_keyboard(page: Page, site):
    sign_in(page, site, "member1")
    page.get_by_label("Language").focus()
    page.keyboard.press("End")  # the last option: 简体中文
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_text("实施组成员").first).to_be_visible()


def test_the_executive_gives_a_role_on_the_team_page(page: Page, site):
    sign_in(page, site, "ceo")
    page.get_by_role("link", name="Cloud CRM rollout 2027").first.click()
    page.get_by_role("link", name="See the team").click()
    page.get_by_label("Person").select_option(label="Tang Mei (唐梅) (pilot.member) · Production")
    page.get_by_label("Role", exact=True).select_option("selector")
    page.get_by_label("Seat (selection team only)").select_option("end_users")
    page.get_by_role("button", name="Assign role").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Tang Mei (唐梅) is now Selection team member (End users)."
    )


def test_a_member_signs_out(page: Page, site):
    sign_in(page, site, "member1")
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Sign in to Rollout")).to_be_visible()


@pytest.mark.parametrize(
    ("username", "section"),
    [("ceo", "The whole team, by role"), ("finance.manager", "在该上线项目中的人员")],
)
def test_the_closed_panel_shows_the_people_when_opened(page: Page, site, username, section):
    """On the next visit the panel is closed and its people are not on the page; opening it
    with the keyboard loads them."""
    sign_in(page, site, username)
    page.goto(f"{site}/")
    panel = page.locator("details.your-role")
    expect(panel).not_to_have_attribute("open", "")
    expect(page.get_by_role("heading", name=re.compile(section))).to_have_count(0)
    panel.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile(section)).first).to_be_visible()
