"""The calendar's import journey, in English and in Chinese: the executive is warned that
the CRM runs past its working calendar, opens the calendar from the warning, imports next
year's Spring Festival from an .ics file, reads what was imported and what was left out,
says the calendar knows next year, and the warning is gone; the calendar exports as .ics
with the imported days in it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from demo.keys import demo_rollout
from rollout.ics import ics_read
from tests.browser.conftest import sign_in
from tests.browser.language import use_language
from tests.browser.test_calendar_journey import (
    NEXT_YEAR,
    SPRING_FESTIVAL,
    only_the_crm_on_its_calendar,
)

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "open": "Open the working calendar",
        "file": "Holiday calendar (.ics)",
        "import": "Import the file",
        "imported": "5 days imported",
        "left_out": "Kick-off meeting: it is not an all-day event",
        "known": "Holidays known until",
        "save": "Save",
        "export": "Export the calendar (.ics)",
    },
    "zh-hans": {
        "open": "打开工作日历",
        "file": "节假日日历（.ics）",
        "import": "导入文件",
        "imported": "已导入 5 天",
        "left_out": "Kick-off meeting: 不是全天事件",
        "known": "节假日已录入至",
        "save": "保存",
        "export": "导出日历（.ics）",
    },
}


def spring_festival_ics() -> bytes:
    """Five days of Spring Festival from a Monday, and a meeting that is no holiday."""
    end = SPRING_FESTIVAL + timedelta(days=5)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//\r\n"
        f"BEGIN:VEVENT\r\nUID:sf@test\r\nDTSTART;VALUE=DATE:{SPRING_FESTIVAL:%Y%m%d}\r\n"
        f"DTEND;VALUE=DATE:{end:%Y%m%d}\r\nSUMMARY:春节\r\nEND:VEVENT\r\n"
        f"BEGIN:VEVENT\r\nUID:meeting@test\r\nDTSTART:{NEXT_YEAR}0301T090000\r\n"
        "SUMMARY:Kick-off meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


@pytest.mark.parametrize("language", list(WORDS))
def test_the_executive_imports_a_holiday_calendar_and_the_warning_goes(
    page: Page, site, tmp_path, language
):
    words = WORDS[language]
    only_the_crm_on_its_calendar()
    holidays = tmp_path / "spring-festival.ics"
    holidays.write_bytes(spring_festival_ics())
    sign_in(page, site, "ceo")
    use_language(page, site, language)
    page.goto(f"{site}{reverse('gates:home')}")
    expect(page.locator(".calendar-gap")).to_contain_text(f"{NEXT_YEAR - 1}-12-31")

    page.get_by_role("link", name=words["open"]).first.click()
    page.get_by_label(words["file"]).set_input_files(holidays)
    page.get_by_role("button", name=words["import"]).click()
    report = page.locator("#import-report")
    expect(report).to_contain_text(words["imported"])
    expect(page.locator("#skipped-days")).to_contain_text(words["left_out"])
    expect(page.locator(f"#day-{SPRING_FESTIVAL.isoformat()}")).to_contain_text("春节")

    page.get_by_label(words["known"]).fill(f"{NEXT_YEAR}-12-31")
    page.get_by_role("button", name=words["save"], exact=True).click()
    expect(page.locator("#known-until")).to_have_text(f"{NEXT_YEAR}-12-31")
    expect(page.locator(".calendar-gap")).to_have_count(0)

    with page.expect_download() as download:
        page.get_by_role("link", name=words["export"]).click()
    days, _skipped = ics_read(download.value.path().read_bytes())
    assert SPRING_FESTIVAL in {day.date for day in days}

    page.goto(f"{site}{reverse('gates:rollout_detail', args=[demo_rollout('crm').pk])}")
    expect(page.locator("#past-decisions")).to_be_visible()
    expect(page.locator(".calendar-gap")).to_have_count(0)
