"""Changing a working calendar in the app: the rules of the services, who may (one
policy), the history of who changed what, and the figures that follow the change."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from gates.models import Gate
from gates.selectors.evidence_pack import evidence_pack
from notifications.models import Reminder
from notifications.services.sweep import reminders_sweep
from roles.models import Role
from roles.services.assignments import role_assign
from rollout.calendar import week_start, working_days
from rollout.holidays_cn import calendar_load
from rollout.models import CalendarDay, Rollout, WorkingCalendar
from rollout.permissions import may_edit_calendar
from rollout.services.calendar import (
    CalendarError,
    calendar_day_add,
    calendar_day_remove,
    calendar_known_until_set,
)
from staffing.models import Commitment, StaffingRequest
from staffing.selectors import fulfilment
from work.models import Task

pytestmark = pytest.mark.django_db

SPRING_FESTIVAL_MONDAY = date(2027, 2, 8)


def own_calendar(rollout: Rollout) -> WorkingCalendar:
    """Give the rollout a calendar of its own (the demo's rollouts share one)."""
    calendar = WorkingCalendar.objects.create(
        name=f"{rollout.name} calendar", known_until=date(2026, 12, 31)
    )
    CalendarDay.objects.create(
        calendar=calendar, date=date(2026, 10, 1), is_working=False, name_en="National Day"
    )
    rollout.calendar = calendar
    rollout.save(update_fields=["calendar"])
    return calendar


def add_holiday(by, calendar, day=SPRING_FESTIVAL_MONDAY, **kwargs) -> CalendarDay:
    values = {"is_working": False, "name_en": "Spring Festival", "name_zh_hans": "春节"}
    return calendar_day_add(by=by, calendar=calendar, day=day, **{**values, **kwargs})


# --- the rules -----------------------------------------------------------------------------


def test_it_adds_a_holiday_the_working_days_then_skip(demo, crm):
    add_holiday(demo["admin"], crm.calendar)
    days = working_days(crm, date(2027, 2, 1), date(2027, 2, 28))
    assert not days.is_working(SPRING_FESTIVAL_MONDAY)
    assert days.count(date(2027, 2, 8), date(2027, 2, 12)) == 4


def test_it_adds_a_make_up_working_day_on_a_weekend(demo, crm):
    add_holiday(demo["admin"], crm.calendar, date(2027, 2, 20), is_working=True)
    assert working_days(crm, date(2027, 2, 1), date(2027, 2, 28)).is_working(date(2027, 2, 20))


def test_it_refuses_a_make_up_working_day_on_a_weekday(demo, crm):
    with pytest.raises(CalendarError, match="a working day already"):
        add_holiday(demo["admin"], crm.calendar, is_working=True)
    assert not CalendarDay.objects.filter(date=SPRING_FESTIVAL_MONDAY).exists()


def test_it_refuses_a_day_already_entered_and_names_it(demo, crm):
    with pytest.raises(CalendarError, match="National Day"):
        add_holiday(demo["admin"], crm.calendar, date(2026, 10, 1))


def test_it_refuses_a_day_without_a_name(demo, crm):
    with pytest.raises(CalendarError, match="Name the day"):
        add_holiday(demo["admin"], crm.calendar, name_en="  ", name_zh_hans="")


def test_a_chinese_name_alone_names_the_day_in_both_languages(demo, crm):
    entry = add_holiday(demo["admin"], crm.calendar, name_en="", name_zh_hans="春节")
    assert (entry.name_en, entry.name_zh_hans) == ("春节", "春节")


@pytest.mark.parametrize("day", [date(1999, 12, 31), date(2101, 1, 1)])
def test_it_refuses_a_date_out_of_any_notice(demo, crm, day):
    with pytest.raises(CalendarError, match="between 2000 and 2100"):
        add_holiday(demo["admin"], crm.calendar, day)


def test_removing_a_day_makes_it_an_ordinary_day(demo, crm):
    entry = CalendarDay.objects.get(calendar=crm.calendar, date=date(2026, 10, 1))
    calendar_day_remove(by=demo["admin"], entry=entry)
    assert working_days(crm, date(2026, 10, 1), date(2026, 10, 1)).is_working(date(2026, 10, 1))


def test_it_keeps_who_added_and_who_removed_a_day(demo, crm):
    entry = add_holiday(demo["admin"], crm.calendar)
    calendar_day_remove(by=demo["admin"], entry=entry)
    rows = CalendarDay.history.filter(date=SPRING_FESTIVAL_MONDAY).order_by("history_id")
    assert [(r.history_type, r.history_user_id) for r in rows] == [
        ("+", demo["admin"].pk),
        ("-", demo["admin"].pk),
    ]


def test_known_until_needs_each_new_year_entered(demo, crm):
    with pytest.raises(CalendarError, match="No holiday of 2027, 2028 is entered"):
        calendar_known_until_set(
            by=demo["admin"], calendar=crm.calendar, known_until=date(2028, 12, 31)
        )
    crm.calendar.refresh_from_db()
    assert crm.calendar.known_until == date(2026, 12, 31)


def test_known_until_moves_on_once_the_year_is_entered_and_keeps_who(demo, crm):
    add_holiday(demo["admin"], crm.calendar)
    calendar_known_until_set(
        by=demo["admin"], calendar=crm.calendar, known_until=date(2027, 12, 31)
    )
    latest = WorkingCalendar.history.filter(id=crm.calendar_id).latest("history_id")
    assert (latest.known_until, latest.history_user_id) == (date(2027, 12, 31), demo["admin"].pk)


def test_known_until_may_move_back(demo, crm):
    calendar_known_until_set(by=demo["admin"], calendar=crm.calendar, known_until=date(2026, 6, 30))
    crm.calendar.refresh_from_db()
    assert crm.calendar.known_until == date(2026, 6, 30)


def test_the_demo_calendar_is_loaded_as_known_until_the_end_of_2026(demo, crm):
    WorkingCalendar.objects.filter(pk=crm.calendar_id).update(known_until=None)
    calendar = calendar_load(WorkingCalendar, CalendarDay)
    assert calendar.known_until == date(2026, 12, 31)


# --- who may -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "shared", "allowed"),
    [
        ("admin", True, True),
        ("admin", False, True),
        ("ceo", False, True),  # the executive of the only rollout using it
        ("ceo", True, False),  # the pilot uses it too, and its executive is pilot.lead
        ("pilot.lead", True, False),
        ("pilot.lead", False, False),  # not the CRM's executive
        ("sales.manager", False, False),
        ("member1", False, False),
        ("sel.senior", False, False),
    ],
)
def test_the_policy_says_who_changes_a_calendar(demo, crm, who, shared, allowed):
    calendar = crm.calendar if shared else own_calendar(crm)
    assert may_edit_calendar(demo[who], calendar) is allowed


def test_the_executive_of_every_rollout_using_a_shared_calendar_may_change_it(demo, crm, pilot):
    calendar = own_calendar(crm)
    pilot.calendar = calendar
    pilot.save(update_fields=["calendar"])
    assert not may_edit_calendar(demo["ceo"], calendar)
    # A new executive replaces pilot.lead on the pilot.
    role_assign(by=demo["admin"], rollout=pilot, person=demo["ceo"], role=Role.EXECUTIVE)
    assert may_edit_calendar(demo["ceo"], calendar)


def test_the_services_refuse_whom_the_policy_refuses(demo, crm):
    with pytest.raises(CalendarError, match="Only an administrator"):
        add_holiday(demo["ceo"], crm.calendar)
    entry = CalendarDay.objects.filter(calendar=crm.calendar).earliest("pk")
    with pytest.raises(CalendarError, match="Only an administrator"):
        calendar_day_remove(by=demo["ceo"], entry=entry)
    with pytest.raises(CalendarError, match="Only an administrator"):
        calendar_known_until_set(
            by=demo["ceo"], calendar=crm.calendar, known_until=date(2026, 1, 1)
        )


def test_the_executive_changes_a_calendar_only_their_rollout_uses(demo, crm):
    calendar = own_calendar(crm)
    add_holiday(demo["ceo"], calendar)
    assert CalendarDay.objects.filter(calendar=calendar, date=SPRING_FESTIVAL_MONDAY).exists()


# --- the figures follow on the next read ---------------------------------------------------


def overdue_levels(task: Task) -> list[int]:
    reminders = Reminder.objects.filter(
        kind="task_overdue", key__startswith=f"task_overdue:{task.pk}:"
    )
    return list(reminders.values_list("level", flat=True))


def test_expected_hours_count_the_holiday_from_the_next_read(demo, crm):
    request = StaffingRequest.objects.filter(rollout=crm).earliest("pk")
    Commitment.objects.create(
        request=request,
        person=demo["member1"],
        hours_per_week=Decimal("10"),
        start_date=date(2027, 2, 8),
        end_date=date(2027, 2, 14),
        status=Commitment.Status.CONFIRMED,
        committed_by=demo["sales.manager"],
    )

    def committed() -> Decimal:
        table = fulfilment(rollout=crm, first=date(2027, 2, 8), last=date(2027, 2, 8))
        assert table.rollout is not None
        return table.rollout.cells[0].committed

    before = committed()
    for offset in range(3):  # Spring Festival, Monday to Wednesday
        add_holiday(demo["admin"], crm.calendar, SPRING_FESTIVAL_MONDAY + timedelta(days=offset))
    assert before - committed() == Decimal("6.0")  # three of five days of 10 h a week


def test_escalation_counts_the_holiday_from_the_next_sweep(demo, crm, member1_task):
    """A task due on Friday 5 February 2027 and overdue on Wednesday: three working days
    late with no holiday entered (past the escalation's two, so up to the manager); none
    once Spring Festival is in."""
    Task.objects.filter(pk=member1_task.pk).update(due_date=date(2027, 2, 5), status="open")
    wednesday = datetime(2027, 2, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    for offset in range(3):
        add_holiday(demo["admin"], crm.calendar, SPRING_FESTIVAL_MONDAY + timedelta(days=offset))
    reminders_sweep(now=wednesday)
    levels = set(overdue_levels(member1_task))
    assert levels == {0}


def test_without_the_holiday_the_same_task_climbs_to_the_manager(demo, crm, member1_task):
    """The control of the test above: the same sweep with no holiday entered."""
    Task.objects.filter(pk=member1_task.pk).update(due_date=date(2027, 2, 5), status="open")
    reminders_sweep(now=datetime(2027, 2, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    levels = set(overdue_levels(member1_task))
    assert levels == {0, 1}


def test_the_gates_evidence_follows_a_calendar_change(demo, crm):
    """The evidence pack counts last week's expected hours on the calendar, so its
    fingerprint moves with the calendar: a decision page opened before the change is
    refused, as for any other change of the evidence."""
    gate = Gate.objects.get(rollout=crm, key="select")
    before = evidence_pack(gate=gate).fingerprint
    wednesday = week_start(timezone.localdate()) - timedelta(days=5)
    entry = CalendarDay.objects.filter(calendar=crm.calendar, date=wednesday).first()
    if entry is None:
        add_holiday(demo["admin"], crm.calendar, wednesday)
    else:
        calendar_day_remove(by=demo["admin"], entry=entry)
    assert evidence_pack(gate=gate).fingerprint != before
