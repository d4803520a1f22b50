"""Many days at once: mainland China's holidays from the chinese-calendar package (service,
management command, the page's button), and a day of the calendar changed."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from rollout.holidays_cn import CALENDAR_NAME
from rollout.holidays_source import source_days, source_years
from rollout.models import CalendarDay, WorkingCalendar
from rollout.selectors.calendar_gaps import calendar_gaps
from rollout.services.calendar import CalendarError, calendar_day_change
from rollout.services.calendar_sources import chinese_holidays_load
from tests.rollout.test_calendar_services import own_calendar
from work.models import Task

pytestmark = pytest.mark.django_db


def test_the_package_names_each_day_in_english_and_chinese():
    days = {d.date: d for d in source_days()}
    assert (days[date(2004, 1, 22)].name_en, days[date(2004, 1, 22)].name_zh_hans) == (
        "Spring Festival",
        "春节",
    )
    assert days[date(2026, 2, 14)].name_zh_hans == "春节调休上班"
    assert days[date(2026, 2, 14)].is_working


def test_it_loads_every_year_the_package_holds_and_knows_them(demo, crm):
    calendar = own_calendar(crm)
    report = chinese_holidays_load(by=demo["ceo"], calendar=calendar)
    first, last = source_years()
    calendar.refresh_from_db()
    assert calendar.known_until == date(last, 12, 31)
    years = set(CalendarDay.objects.filter(calendar=calendar).values_list("date__year", flat=True))
    assert years == set(range(first, last + 1))
    assert report.added == len(source_days()) - 1  # National Day 2026 was entered already


def test_loading_again_changes_nothing(demo, crm):
    calendar = own_calendar(crm)
    chinese_holidays_load(by=None, calendar=calendar)
    again = chinese_holidays_load(by=None, calendar=calendar)
    assert (again.added, again.changed) == (0, 0)


def test_the_package_sets_a_day_back_and_keeps_a_days_of_the_company(demo, crm):
    calendar = own_calendar(crm)
    CalendarDay.objects.filter(calendar=calendar, date=date(2026, 10, 1)).update(name_en="Typo")
    CalendarDay.objects.create(calendar=calendar, date=date(2026, 12, 24), is_working=False,
                               name_en="Company day off")  # fmt: skip
    report = chinese_holidays_load(by=None, calendar=calendar)
    assert report.changed == 1
    names = dict(CalendarDay.objects.filter(calendar=calendar).values_list("date", "name_en"))
    assert (names[date(2026, 10, 1)], names[date(2026, 12, 24)]) == (
        "National Day",
        "Company day off",
    )


def test_known_until_never_moves_back(demo, crm):
    calendar = own_calendar(crm)
    CalendarDay.objects.create(calendar=calendar, date=date(2027, 2, 8), is_working=False,
                               name_en="Spring Festival")  # fmt: skip
    WorkingCalendar.objects.filter(pk=calendar.pk).update(known_until=date(2027, 12, 31))
    assert chinese_holidays_load(by=None, calendar=calendar).known_until == date(2027, 12, 31)


def test_a_year_the_package_does_not_hold_still_warns(demo, crm):
    """chinese-calendar 1.11 stops at 2026: a rollout running into 2027 is still warned
    about after loading it, until 2027 is entered in the app."""
    calendar = own_calendar(crm)
    Task.objects.filter(rollout=crm).update(due_date=date(source_years()[1] + 1, 3, 31))
    chinese_holidays_load(by=None, calendar=calendar)
    assert crm.pk in calendar_gaps(rollout_ids=[crm.pk])


def test_someone_the_policy_refuses_loads_nothing(demo, crm):
    calendar = own_calendar(crm)
    with pytest.raises(CalendarError):
        chinese_holidays_load(by=demo["member1"], calendar=calendar)
    assert CalendarDay.objects.filter(calendar=calendar).count() == 1


def test_the_command_loads_the_mainland_china_calendar(demo):
    out = StringIO()
    call_command("load_chinese_holidays", stdout=out)
    calendar = WorkingCalendar.objects.get(name=CALENDAR_NAME)
    first, last = source_years()
    assert f"years {first}-{last}" in out.getvalue()
    assert CalendarDay.objects.filter(calendar=calendar, date__year=first).exists()


def test_the_command_creates_a_calendar_it_is_told(demo):
    call_command("load_chinese_holidays", "--calendar", "Shanghai site", stdout=StringIO())
    calendar = WorkingCalendar.objects.get(name="Shanghai site")
    assert calendar.days.count() == len(source_days())


def test_the_executive_loads_from_the_page_and_is_told_what(client, demo, crm):
    own_calendar(crm)
    client.force_login(demo["ceo"])
    response = client.post(reverse("rollout:calendar_load_chinese", args=[crm.pk]), follow=True)
    first, last = source_years()
    text = response.content.decode()
    assert f"Holidays of {first} to {last} loaded from chinese-calendar" in text
    assert f'id="year-{first}"' in text


def test_a_member_may_not_load(client, demo, crm):
    own_calendar(crm)
    client.force_login(demo["member1"])
    response = client.post(reverse("rollout:calendar_load_chinese", args=[crm.pk]))
    assert response.status_code == 403


# --- a day changed -------------------------------------------------------------------------


def national_day(calendar: WorkingCalendar) -> CalendarDay:
    return CalendarDay.objects.get(calendar=calendar, date=date(2026, 10, 1))


def test_it_changes_a_days_date_kind_and_names_and_keeps_who(demo, crm):
    calendar = own_calendar(crm)
    entry = calendar_day_change(by=demo["ceo"], entry=national_day(calendar),
                                day=date(2026, 10, 10), is_working=True,
                                name_en="", name_zh_hans="国庆节调休上班")  # fmt: skip
    entry.refresh_from_db()
    assert (entry.date, entry.is_working, entry.name_en) == (
        date(2026, 10, 10),
        True,
        "国庆节调休上班",
    )
    assert entry.history.latest().history_user == demo["ceo"]


def test_a_change_keeps_the_rules_of_a_day_added(demo, crm):
    calendar = own_calendar(crm)
    with pytest.raises(CalendarError, match="a working day already"):
        calendar_day_change(by=demo["ceo"], entry=national_day(calendar), day=date(2026, 10, 1),
                            is_working=True, name_en="National Day")  # fmt: skip


def test_a_change_onto_a_day_entered_is_refused(demo, crm):
    calendar = own_calendar(crm)
    CalendarDay.objects.create(calendar=calendar, date=date(2026, 10, 2), is_working=False,
                               name_en="National Day")  # fmt: skip
    with pytest.raises(CalendarError, match="in the calendar already"):
        calendar_day_change(by=demo["ceo"], entry=national_day(calendar), day=date(2026, 10, 2),
                            is_working=False, name_en="National Day")  # fmt: skip


def test_the_edit_page_shows_the_day_and_saves_it(client, demo, crm):
    entry = national_day(own_calendar(crm))
    url = reverse("rollout:calendar_day_edit", args=[crm.pk, entry.pk])
    client.force_login(demo["ceo"])
    assert 'value="National Day"' in client.get(url).content.decode()
    data = {
        "date": "2026-10-01",
        "kind": "holiday",
        "name_en": "National Day",
        "name_zh_hans": "国庆",
    }
    assert client.post(url, data).status_code == 302
    assert national_day(crm.calendar).name_zh_hans == "国庆"


def test_a_refused_change_keeps_what_was_typed(client, demo, crm):
    entry = national_day(own_calendar(crm))
    client.force_login(demo["ceo"])
    response = client.post(
        reverse("rollout:calendar_day_edit", args=[crm.pk, entry.pk]),
        {"date": "2026-10-01", "kind": "make_up", "name_en": "Golden Week"},
    )
    assert response.status_code == 400
    assert 'value="Golden Week"' in response.content.decode()
    assert national_day(crm.calendar).name_en == "National Day"
