"""An .ics holiday calendar imported on the calendar's page (what was imported, what was
left out and why; a bad file changes nothing) and the calendar exported as .ics (stable
UIDs; the file read back gives the same days)."""

from datetime import date

import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rollout.ics import ics_read
from rollout.models import CalendarDay, WorkingCalendar
from tests.rollout.test_calendar_services import own_calendar

pytestmark = pytest.mark.django_db


def ics(*events: str) -> bytes:
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:{n}@test\r\n{e}END:VEVENT\r\n" for n, e in enumerate(events)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//\r\n{body}END:VCALENDAR\r\n".encode()


def all_day(first: str, summary: str, end: str = "") -> str:
    ends = f"DTEND;VALUE=DATE:{end}\r\n" if end else ""
    return f"DTSTART;VALUE=DATE:{first}\r\n{ends}SUMMARY:{summary}\r\n"


SPRING_FESTIVAL_2027 = ics(
    all_day("20270206", "春节", end="20270214"),  # Saturday 6 to Saturday 13 February
    all_day("20270220", "春节调休上班"),  # a Saturday
    all_day("20270215", "Make-up working day"),  # a Monday: a working day already
    "DTSTART:20270301T090000\r\nSUMMARY:Kick-off meeting\r\n",  # not all-day
    all_day("20261001", "National Day"),  # entered already
)


def send(client, person, rollout, content: bytes, name: str = "holidays.ics"):
    client.force_login(person)
    upload = SimpleUploadedFile(name, content, content_type="text/calendar")
    return client.post(reverse("rollout:calendar_import", args=[rollout.pk]), {"file": upload})


def days_of(calendar: WorkingCalendar) -> dict[date, tuple[bool, str, str]]:
    rows = CalendarDay.objects.filter(calendar=calendar)
    return {d.date: (d.is_working, d.name_en, d.name_zh_hans) for d in rows}


def test_it_imports_holidays_and_make_up_days(client, demo, crm):
    calendar = own_calendar(crm)
    assert send(client, demo["ceo"], crm, SPRING_FESTIVAL_2027).status_code == 200
    days = days_of(calendar)
    assert days[date(2027, 2, 8)] == (False, "春节", "春节")
    assert days[date(2027, 2, 20)][0] is True
    assert len(days) == 1 + 8 + 1  # National Day, 6 to 13 February, 20 February


def test_it_says_what_was_imported_and_what_was_left_out_and_why(client, demo, crm):
    own_calendar(crm)
    text = send(client, demo["ceo"], crm, SPRING_FESTIVAL_2027).content.decode()
    report = text.split('id="import-report"', 1)[1]
    assert "9 days imported" in report
    assert "Kick-off meeting: it is not an all-day event" in report
    assert "2027-02-15</span> · Make-up working day: 2027-02-15 (Monday) is a weekday" in report
    assert "National Day: it is in the calendar already" in report


def test_it_leaves_out_a_day_the_calendar_has_as_another_kind(client, demo, crm):
    own_calendar(crm)
    text = send(client, demo["ceo"], crm, ics(all_day("20261001", "调休"))).content.decode()
    assert "change that day to import this one" in text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"hello, not a calendar", "This is not an iCalendar (.ics) file"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "The file holds no event"),
        (b"\xff\xfe\x00garbage", "This is not an iCalendar (.ics) file"),
    ],
)
def test_a_bad_file_is_refused_with_a_message_and_changes_nothing(
    client, demo, crm, content, reason
):
    calendar = own_calendar(crm)
    before = days_of(calendar)
    response = send(client, demo["ceo"], crm, content)
    assert response.status_code == 400
    assert f"Nothing was imported: {reason}" in response.content.decode()
    assert days_of(calendar) == before


def test_an_empty_upload_is_refused(client, demo, crm):
    own_calendar(crm)
    response = send(client, demo["ceo"], crm, b"")
    assert response.status_code == 400
    assert "The file is empty" in response.content.decode()


def test_a_member_may_not_import(client, demo, crm):
    calendar = own_calendar(crm)
    assert send(client, demo["member1"], crm, SPRING_FESTIVAL_2027).status_code == 403
    assert len(days_of(calendar)) == 1


def export(client, person, rollout) -> bytes:
    client.force_login(person)
    response = client.get(reverse("rollout:calendar_export", args=[rollout.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_export_reads_back_as_the_same_days(client, demo, crm):
    calendar = own_calendar(crm)
    send(client, demo["ceo"], crm, SPRING_FESTIVAL_2027)
    days, skipped = ics_read(export(client, demo["member1"], crm))
    assert skipped == []
    assert {d.date: (d.is_working, d.name_en, d.name_zh_hans) for d in days} == days_of(calendar)


def test_the_export_keeps_its_uids_from_one_export_to_the_next(client, demo, crm):
    own_calendar(crm)
    first = export(client, demo["member1"], crm)
    CalendarDay.objects.create(calendar=crm.calendar, date=date(2027, 1, 1), is_working=False,
                               name_en="New Year's Day")  # fmt: skip
    second = export(client, demo["member1"], crm)
    uids = [
        {str(e["UID"]) for e in icalendar.Calendar.from_ical(f).walk("VEVENT")}
        for f in (first, second)
    ]
    assert uids[0] < uids[1]
    assert f"calendar-{crm.calendar_id}-20261001@rollout" in uids[0]


def test_an_exported_calendar_imports_whole_into_another(client, demo, crm, pilot):
    source = own_calendar(crm)
    send(client, demo["ceo"], crm, SPRING_FESTIVAL_2027)
    target = own_calendar(pilot)
    CalendarDay.objects.filter(calendar=target).delete()
    send(client, demo["admin"], pilot, export(client, demo["ceo"], crm))
    assert days_of(target) == days_of(source)
