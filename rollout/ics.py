"""A working calendar as an iCalendar (.ics) file and back: the format every calendar
program exports holidays in (Outlook, Google, Apple, WeCom, DingTalk). Only reading and
writing the file is here; the services decide what enters a calendar.

Read: each all-day event is a day (an event over several days, one day each); an event
whose name says it is a make-up working day (调休, 上班, "make-up", "working day") is one,
every other a public holiday. Written: one all-day event a day, its UID the calendar's and
the date's, so importing the file again into another program updates rather than doubles."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Final

import icalendar
from django.utils.translation import gettext as _

# A file bigger than this or with more events is no holiday calendar: refused unread.
MAX_BYTES: Final = 1_000_000
MAX_EVENTS: Final = 5_000
# A holiday of more than a month is a mistake in the file (or a school term), not a holiday.
MAX_SPAN_DAYS: Final = 31
ZH_NAME: Final = "X-ROLLOUT-NAME-ZH-HANS"
MAKE_UP: Final = re.compile(r"调休|上班|补班|make[- ]?up|working day|workday", re.IGNORECASE)
HAN: Final = re.compile(r"[\u3400-\u9fff]")
LATIN: Final = re.compile(r"[A-Za-z]")


class IcsUnreadable(ValueError):
    """The file is no iCalendar file; the message says so to the person who sent it."""


@dataclass(frozen=True)
class IcsDay:
    date: date
    is_working: bool
    name_en: str
    name_zh_hans: str


@dataclass(frozen=True)
class IcsSkipped:
    """An event (or one day of it) left out, and why, for the import's report."""

    name: str
    day: date | None
    reason: str


def _names(summary: str, chinese: str) -> tuple[str, str]:
    """A summary in Chinese only is the Chinese name (the English one is filled from it by
    the service); an exported file carries the Chinese name in its own property."""
    if chinese:
        return summary, chinese
    if HAN.search(summary) and not LATIN.search(summary):
        return "", summary
    return summary, ""


def _date_of(event: icalendar.Component, name: str) -> date | datetime | None:
    prop = event.get(name)
    value = getattr(prop, "dt", None)  # an unreadable date is kept by icalendar as vBroken
    return value if isinstance(value, date) else None


def _read_event(event: icalendar.Component) -> tuple[list[IcsDay], list[IcsSkipped]]:
    summary = str(event.get("SUMMARY", "")).strip()[:100]
    chinese = str(event.get(ZH_NAME, "")).strip()[:100]
    first = _date_of(event, "DTSTART")
    if first is None:
        return [], [IcsSkipped(summary, None, _("it has no date that can be read"))]
    if isinstance(first, datetime):
        return [], [IcsSkipped(summary, first.date(), _("it is not an all-day event"))]
    if not (summary or chinese):
        return [], [IcsSkipped(summary, first, _("it has no name"))]
    end = _date_of(event, "DTEND")
    if isinstance(end, date) and not isinstance(end, datetime) and end > first:
        span = (end - first).days  # DTEND is the day after the last
    else:
        span = 1
    if span > MAX_SPAN_DAYS:
        reason = _("it lasts more than %(days)s days") % {"days": MAX_SPAN_DAYS}
        return [], [IcsSkipped(summary, first, reason)]
    is_working = bool(MAKE_UP.search(f"{summary} {chinese}"))
    name_en, name_zh = _names(summary, chinese)
    days = [IcsDay(first + timedelta(n), is_working, name_en, name_zh) for n in range(span)]
    return days, []


def ics_read(content: bytes) -> tuple[list[IcsDay], list[IcsSkipped]]:
    """The days of the file, by date, and what was left out. Raises IcsUnreadable when the
    file is not an iCalendar file or holds no event at all."""
    if len(content) > MAX_BYTES:
        raise IcsUnreadable(
            _("The file is larger than %(size)s MB: no holiday calendar is that big.")
            % {"size": MAX_BYTES // 1_000_000}
        )
    try:
        calendars = icalendar.Calendar.from_ical(content, multiple=True)
    except (ValueError, IndexError, KeyError, UnicodeDecodeError) as error:
        raise IcsUnreadable(
            _("This is not an iCalendar (.ics) file: %(reason)s") % {"reason": str(error)[:200]}
        ) from error
    events = [event for calendar in calendars for event in calendar.walk("VEVENT")]
    if not events:
        raise IcsUnreadable(_("The file holds no event: there is no day to import."))
    if len(events) > MAX_EVENTS:
        raise IcsUnreadable(
            _("The file holds more than %(count)s events: no holiday calendar has that many.")
            % {"count": MAX_EVENTS}
        )
    days: dict[date, IcsDay] = {}
    skipped: list[IcsSkipped] = []
    for event in events:
        event_days, event_skipped = _read_event(event)
        skipped += event_skipped
        for day in event_days:
            if day.date in days:
                reason = _("the file has another event on that day")
                skipped.append(IcsSkipped(day.name_en or day.name_zh_hans, day.date, reason))
            else:
                days[day.date] = day
    return sorted(days.values(), key=lambda d: d.date), skipped


def ics_write(*, calendar_id: int, name: str, days: list[IcsDay]) -> bytes:
    """The days as an iCalendar file. Each UID is the calendar's id and the date, the same
    on every export. DTSTAMP is fixed too (the day's own date): the file changes only when
    the calendar does."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Rollout//Working calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for day in days:
        event = icalendar.Event()
        event.add("uid", f"calendar-{calendar_id}-{day.date:%Y%m%d}@rollout")
        event.add("dtstamp", datetime(day.date.year, day.date.month, day.date.day, tzinfo=UTC))
        event.add("dtstart", day.date)
        event.add("dtend", day.date + timedelta(days=1))
        event.add("summary", day.name_en)
        if day.name_zh_hans:
            event.add(ZH_NAME, day.name_zh_hans)
        # Free for a make-up working day, so calendar programs do not show it as time off.
        event.add("transp", "TRANSPARENT" if day.is_working else "OPAQUE")
        event.add("categories", ["Working day" if day.is_working else "Holiday"])
        calendar.add_component(event)
    return bytes(calendar.to_ical())
