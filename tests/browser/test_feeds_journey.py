"""A member puts their dates into their own calendar: from the notifications page to the
feeds page, makes their addresses, reads their feed (as a calendar program would, without
signing in), then makes new ones after sharing by mistake: the old address is gone at once.
In English and in Chinese."""

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "link": "calendar feeds",
        "make": "Make my calendar addresses",
        "ready": "Your calendar addresses are ready",
        "due": "Due: ",
        "new": "Make new addresses",
        "gone": "the old ones no longer work",
    },
    "zh-hans": {
        "link": "日历订阅",
        "make": "生成我的日历订阅地址",
        "ready": "您的日历订阅地址已生成",
        "due": "到期：",
        "new": "生成新地址",
        "gone": "旧地址已失效",
    },
}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_member_subscribes_to_their_dates_and_replaces_the_address(
    page: Page, site: str, language: str
) -> None:
    words = WORDS[language]
    sign_in(page, site, "member1")
    page.goto(f"{site}/notifications/")
    # The language switch keeps the choice with the person: their feed speaks it too.
    page.locator("#language-select").select_option(language)
    page.locator("#language-select").locator("xpath=..").get_by_role("button").click()
    page.get_by_role("link", name=words["link"]).click()
    page.get_by_role("button", name=words["make"]).click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_contain_text(
        words["ready"]
    )
    address = page.locator("#feed-me").get_attribute("href")
    assert address and address.endswith("/me.ics")

    # What a calendar program gets: no cookies, only the address.
    calendar_app = page.context.browser.new_context()  # type: ignore[union-attr]
    feed = calendar_app.request.get(address)
    assert feed.status == 200
    summaries = [str(e["summary"]) for e in Calendar.from_ical(feed.body()).walk("VEVENT")]
    assert any(s.startswith(words["due"]) for s in summaries), summaries

    page.get_by_role("button", name=words["new"]).focus()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text(words["gone"])
    assert calendar_app.request.get(address).status == 404
    new_address = page.locator("#feed-me").get_attribute("href")
    assert new_address and new_address != address
    assert calendar_app.request.get(new_address).status == 200
    calendar_app.close()
