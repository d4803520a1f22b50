"""The working calendar in the pages: the warning when a rollout runs past what its
calendar knows (rollout page, executive's home, both languages), the calendar's page
(forms refused with what was typed, odd input, a fixed number of queries)."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from rollout.models import CalendarDay, WorkingCalendar
from rollout.selectors.calendar_gaps import calendar_gaps
from rollout.services.calendar import calendar_day_add
from tests.query_counts import get_page
from tests.rollout.test_calendar_services import own_calendar
from work.models import Task

pytestmark = pytest.mark.django_db

WARNING = "The working calendar runs out"
WARNING_ZH = "工作日历到期了"


def knows_until(rollout, day: date | None) -> None:
    WorkingCalendar.objects.filter(pk=rollout.calendar_id).update(known_until=day)


def covered(*rollouts) -> date:
    """Make their (shared) calendar know exactly as far as the rollouts' dates run; returns
    that day."""
    knows_until(rollouts[0], None)  # a gap, then, whatever the dates: it says how far they run
    gaps = calendar_gaps(rollout_ids=[r.pk for r in rollouts])
    runs_until = max(gap.runs_until for gap in gaps.values())
    knows_until(rollouts[0], runs_until)
    return runs_until


def page(client, person, name, *args, **headers) -> str:
    client.force_login(person)
    response = client.get(reverse(name, args=args), **headers)
    assert response.status_code == 200
    return str(response.content.decode())


# --- the warning ---------------------------------------------------------------------------


def test_the_rollout_page_warns_when_a_task_runs_past_the_calendar(client, demo, crm, member1_task):
    last = covered(crm)
    assert WARNING not in page(client, demo["member1"], "gates:rollout_detail", crm.pk)
    Task.objects.filter(pk=member1_task.pk).update(due_date=last + timedelta(days=1))
    text = page(client, demo["member1"], "gates:rollout_detail", crm.pk)
    assert WARNING in text
    assert f"only until {last:%Y-%m-%d}, but this rollout's dates run until" in text


def test_the_warning_is_in_chinese_for_a_chinese_reader(client, demo, crm):
    knows_until(crm, timezone.localdate() - timedelta(days=1))
    text = page(client, demo["ceo"], "gates:rollout_detail", crm.pk, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert WARNING_ZH in text
    assert WARNING not in text


def test_today_past_the_calendar_is_enough_to_warn(demo, crm):
    knows_until(crm, date(2026, 12, 31))
    gap = calendar_gaps(rollout_ids=[crm.pk], today=date(2101, 1, 1))[crm.pk]
    assert (gap.known_until, gap.runs_until) == (date(2026, 12, 31), date(2101, 1, 1))


def test_a_calendar_that_never_said_what_it_knows_warns(client, demo, crm):
    knows_until(crm, None)
    assert "does not say up to when" in page(client, demo["ceo"], "gates:rollout_detail", crm.pk)


def test_a_rollout_without_a_calendar_does_not_warn(demo, crm):
    crm.calendar = None
    crm.save(update_fields=["calendar"])
    assert calendar_gaps(rollout_ids=[crm.pk]) == {}


def test_the_executives_home_warns_and_a_members_does_not(client, demo, crm):
    knows_until(crm, timezone.localdate() - timedelta(days=1))
    assert WARNING in page(client, demo["ceo"], "gates:home")
    assert WARNING not in page(client, demo["member1"], "gates:home")


def test_the_executives_home_warns_in_chinese(client, demo, crm):
    knows_until(crm, timezone.localdate() - timedelta(days=1))
    assert WARNING_ZH in page(client, demo["ceo"], "gates:home", HTTP_ACCEPT_LANGUAGE="zh-hans")


def test_the_home_page_is_quiet_once_the_calendar_covers_the_rollout(client, demo, crm, pilot):
    covered(crm, pilot)
    assert WARNING not in page(client, demo["ceo"], "gates:home")


# --- the calendar's page -------------------------------------------------------------------


def post_day(client, person, rollout, **fields):
    client.force_login(person)
    data = {"date": "2027-02-08", "kind": "holiday", "name_en": "Spring Festival",
            "name_zh_hans": "春节", **fields}  # fmt: skip
    return client.post(reverse("rollout:calendar_day_new", args=[rollout.pk]), data)


def test_an_administrator_adds_a_holiday_and_the_page_shows_who(client, demo, crm):
    response = post_day(client, demo["admin"], crm)
    assert response.status_code == 302
    text = page(client, demo["admin"], "rollout:working_calendar", crm.pk)
    assert 'id="day-2027-02-08"' in text
    assert 'Public holiday added: <span class="text-nowrap">2027-02-08</span> · Spring' in text
    assert str(demo["admin"]) in text.split('id="calendar-changes"', 1)[1]


def test_a_refused_day_keeps_what_was_typed(client, demo, crm):
    response = post_day(client, demo["admin"], crm, kind="make_up", name_en="Lantern Festival")
    assert response.status_code == 400
    text = response.content.decode()
    assert "a working day already" in text
    assert 'value="Lantern Festival"' in text
    assert 'value="make_up" class="form-check-input" id="id_kind_1" required checked' in text


@pytest.mark.parametrize("typed", ["2027-02-30", "²", "9" * 40, "", "2027-13-01"])
def test_a_date_that_is_no_date_is_refused_with_a_message(client, demo, crm, typed):
    response = post_day(client, demo["admin"], crm, date=typed)
    assert response.status_code == 400
    expected = "This field is required." if typed == "" else "Enter a"
    feedback = re.findall(
        r'<div class="invalid-feedback d-block">([^<]*)</div>', response.content.decode()
    )
    assert any(expected in message for message in feedback), feedback


def test_a_known_until_refused_says_why_and_keeps_the_date(client, demo, crm):
    client.force_login(demo["admin"])
    response = client.post(
        reverse("rollout:calendar_known_until", args=[crm.pk]), {"known_until": "2028-12-31"}
    )
    assert response.status_code == 400
    assert "No holiday of 2027, 2028 is entered yet" in response.content.decode()
    assert 'value="2028-12-31"' in response.content.decode()


def test_the_known_until_saved_ends_the_warning(client, demo, crm, pilot):
    calendar_day_add(by=demo["admin"], calendar=crm.calendar, day=date(2027, 2, 8),
                     is_working=False, name_en="Spring Festival")  # fmt: skip
    Task.objects.filter(rollout=crm).update(due_date=date(2027, 6, 30))
    knows_until(crm, date(2026, 12, 31))
    assert WARNING in page(client, demo["ceo"], "gates:rollout_detail", crm.pk)
    client.force_login(demo["admin"])
    response = client.post(
        reverse("rollout:calendar_known_until", args=[crm.pk]), {"known_until": "2027-12-31"}
    )
    assert response.status_code == 302
    assert calendar_gaps(rollout_ids=[crm.pk]).get(crm.pk) is None
    assert WARNING not in page(client, demo["ceo"], "gates:rollout_detail", crm.pk)


def test_a_day_of_another_calendar_is_not_found(client, demo, crm, pilot):
    other = own_calendar(pilot)
    foreign = CalendarDay.objects.filter(calendar=other).earliest("pk")
    client.force_login(demo["admin"])
    response = client.post(reverse("rollout:calendar_day_remove", args=[crm.pk, foreign.pk]))
    assert response.status_code == 404
    assert CalendarDay.objects.filter(pk=foreign.pk).exists()


def test_the_executive_edits_an_unshared_calendar_from_the_page(client, demo, crm):
    own_calendar(crm)
    assert post_day(client, demo["ceo"], crm).status_code == 302
    assert CalendarDay.objects.filter(calendar__rollouts=crm, date=date(2027, 2, 8)).exists()


def test_a_shared_calendar_says_so_and_who_may_change_it(client, demo, crm):
    text = page(client, demo["ceo"], "rollout:working_calendar", crm.pk)
    assert "shared with 2 other rollouts" in text
    assert "Only an administrator, or the executive of every rollout" in text
    assert 'id="add-day"' not in text


def test_a_rollout_without_a_calendar_says_so_and_takes_no_day(client, demo, crm):
    crm.calendar = None
    crm.save(update_fields=["calendar"])
    assert 'id="no-calendar"' in page(client, demo["admin"], "rollout:working_calendar", crm.pk)
    assert post_day(client, demo["admin"], crm).status_code == 404


def test_the_page_is_in_chinese_for_a_chinese_reader(client, demo, crm):
    text = page(
        client, demo["admin"], "rollout:working_calendar", crm.pk, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert "添加法定节假日或调休上班日" in text
    assert "国庆节" in text


def calendar_page(client, person, rollout, expected: int) -> None:
    client.force_login(person)
    get_page(client, reverse("rollout:working_calendar", args=[rollout.pk]), expected)


@pytest.mark.parametrize(("who", "expected"), [("admin", 11), ("ceo", 13), ("member1", 13)])
def test_the_page_keeps_a_fixed_query_count(client, demo, crm, who, expected):
    """Session and person (2), the rollout (1), the calendar (1), the policy (1, none for an
    administrator), the gap (1), the days, the two history tables and the share count (4),
    the bell's unread count and My work's count (2), the person's permissions for the tabs
    (1, none for an administrator) — and as many whatever the number of days and changes."""
    calendar_page(client, demo[who], crm, expected)
    for n in range(30):
        day = date(2030, 1, 1) + timedelta(days=n)
        calendar_day_add(
            by=demo["admin"], calendar=crm.calendar, day=day, is_working=False, name_en=f"Day {n}"
        )
    calendar_page(client, demo[who], crm, expected)


ODD = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "\x00", "<b>x</b>", "2027-02-30", "0000-01-01", "9999-12-31",
                     "2027-02-08", "2027-02-13", "holiday", "make_up", "-1", "1e309"]),
)  # fmt: skip


@settings(max_examples=30)
@given(date_=ODD, kind=ODD, name_en=ODD, name_zh_hans=ODD)
def test_odd_input_to_the_day_form_is_saved_or_refused_never_an_error(
    client, demo, crm, date_, kind, name_en, name_zh_hans
):
    client.force_login(demo["admin"])
    response = client.post(
        reverse("rollout:calendar_day_new", args=[crm.pk]),
        {"date": date_, "kind": kind, "name_en": name_en, "name_zh_hans": name_zh_hans},
    )
    assert response.status_code in (302, 400)


# One field: its odd values are met in fewer examples than the day form's four.
@settings(max_examples=15)
@given(known_until=ODD)
def test_odd_input_to_known_until_is_saved_or_refused_never_an_error(
    client, demo, crm, known_until
):
    client.force_login(demo["admin"])
    response = client.post(
        reverse("rollout:calendar_known_until", args=[crm.pk]), {"known_until": known_until}
    )
    assert response.status_code in (302, 400)
