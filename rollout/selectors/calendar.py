"""Reads for the working calendar's page: its days by year, how many rollouts share it,
and who changed what (django-simple-history's tables). A fixed number of queries."""

from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from typing import Any

from django.utils.translation import gettext as _

from core.localized import localized
from rollout.ics import IcsDay, ics_write
from rollout.models import CalendarDay, Rollout, WorkingCalendar

CHANGES_SHOWN = 50


@dataclass
class CalendarYear:
    year: int
    days: list[CalendarDay]


@dataclass
class CalendarChange:
    when: datetime
    who: str
    action: str
    day: date | None = None  # a day added, removed or changed, with its name
    name: str = ""
    before: date | None = None  # "known until" moved from `before` to `after`
    after: date | None = None


def calendar_of_rollout(*, rollout: Rollout) -> WorkingCalendar | None:
    return WorkingCalendar.objects.filter(rollouts=rollout).first()


def calendar_years(*, calendar: WorkingCalendar) -> list[CalendarYear]:
    """Every day entered, newest year first (the one being entered is on top). One query."""
    days = CalendarDay.objects.filter(calendar=calendar).order_by("-date__year", "date")
    return [
        CalendarYear(year=year, days=list(of_year))
        for year, of_year in groupby(days, key=lambda d: d.date.year)
    ]


def rollouts_sharing(*, calendar: WorkingCalendar) -> int:
    """How many rollouts use the calendar (their names are not shown: a person may not
    know of the others)."""
    return Rollout.objects.filter(calendar=calendar).count()


def _day_action(is_working: bool, history_type: str) -> str:
    # Whole sentences, not "holiday" + "added": word order differs between languages.
    if is_working:
        return {
            "+": _("Make-up working day added"),
            "-": _("Make-up working day removed"),
        }.get(history_type, _("Make-up working day changed"))
    return {"+": _("Public holiday added"), "-": _("Public holiday removed")}.get(
        history_type, _("Public holiday changed")
    )


def _who(row: Any) -> str:
    return str(row.history_user) if row.history_user_id else _("the system")


def calendar_changes(
    *, calendar: WorkingCalendar, limit: int = CHANGES_SHOWN
) -> list[CalendarChange]:
    """Newest first: days added, removed or edited (in /admin/), and the calendar's
    "known until" moved. Two queries."""
    changes: list[CalendarChange] = []
    day_rows = (
        CalendarDay.history.filter(calendar_id=calendar.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    for row in day_rows:
        changes.append(
            CalendarChange(
                when=row.history_date,
                who=_who(row),
                action=_day_action(row.is_working, row.history_type),
                day=row.date,
                name=localized(row.name_en, row.name_zh_hans),
            )
        )
    # The calendar's own rows, oldest first, so each is compared with the one before (a
    # calendar's first row is written when it is created, or by migration 0011).
    calendar_rows = list(
        WorkingCalendar.history.filter(id=calendar.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    previous = None
    for row in calendar_rows:
        if previous is not None and previous.known_until != row.known_until:
            changes.append(
                CalendarChange(
                    when=row.history_date,
                    who=_who(row),
                    action=_("Holidays known until"),
                    before=previous.known_until,
                    after=row.known_until,
                )
            )
        previous = row
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]


def calendar_ics(*, calendar: WorkingCalendar) -> bytes:
    """The calendar's days as an .ics file (rollout/ics.py). One query."""
    days = [
        IcsDay(day.date, day.is_working, day.name_en, day.name_zh_hans)
        for day in CalendarDay.objects.filter(calendar=calendar).order_by("date")
    ]
    return ics_write(calendar_id=calendar.pk, name=calendar.name, days=days)
