"""Writes that bring many days into a working calendar at once: mainland China's holidays
from the `chinese-calendar` package (every year it holds), and an .ics holiday calendar
sent from the calendar's page. Who may is the same policy as for one day
(rollout.permissions.may_edit_calendar); each day written is kept in the calendar's
history with the person (or "the system", for the management command)."""

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from rollout.holidays_source import source_days, source_years
from rollout.ics import IcsDay, IcsSkipped, IcsUnreadable, ics_read
from rollout.models import CalendarDay, WorkingCalendar
from rollout.services.calendar import CalendarError, day_checked, require_editor

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser as User

NAMED_FIELDS = ["is_working", "name_en", "name_zh_hans"]


@dataclass
class SourceLoad:
    """What a load from the package did, for the message and the command's output."""

    first_year: int
    last_year: int
    added: int = 0
    changed: int = 0
    known_until: date | None = None


@dataclass
class IcsImport:
    """What an .ics import did: the days added, and each event or day left out with why."""

    added: list[CalendarDay] = field(default_factory=list)
    skipped: list[IcsSkipped] = field(default_factory=list)


def _locked(calendar: WorkingCalendar) -> WorkingCalendar:
    # Two loads or imports of one calendar at once would both find a day missing and both
    # add it: the second waits for the first here.
    return WorkingCalendar.objects.select_for_update().get(pk=calendar.pk)


@transaction.atomic
def chinese_holidays_load(*, by: "User | None", calendar: WorkingCalendar) -> SourceLoad:
    """Every year the package holds: a day missing is added, a day entered differently is
    set to the package's (the State Council's notice is the authority), a day the package
    does not list is kept (a company's own day off stays). `known_until` moves to the end
    of the package's last year, never back. `by` None: the management command, run by
    whoever runs the server."""
    if by is not None:
        require_editor(by, calendar)
    calendar = _locked(calendar)
    first_year, last_year = source_years()
    report = SourceLoad(first_year=first_year, last_year=last_year)
    existing = {row.date: row for row in CalendarDay.objects.filter(calendar=calendar)}
    new, changed = [], []
    for day in source_days():
        wanted = {"is_working": day.is_working, "name_en": day.name_en}
        wanted["name_zh_hans"] = day.name_zh_hans
        row = existing.get(day.date)
        if row is None:
            new.append(CalendarDay(calendar=calendar, date=day.date, **wanted))
        elif any(getattr(row, key) != value for key, value in wanted.items()):
            for key, value in wanted.items():
                setattr(row, key, value)
            changed.append(row)
    bulk_create_with_history(new, CalendarDay, default_user=by)
    bulk_update_with_history(changed, CalendarDay, NAMED_FIELDS, default_user=by)
    report.added, report.changed = len(new), len(changed)
    end_of_source = date(last_year, 12, 31)
    if calendar.known_until is None or calendar.known_until < end_of_source:
        calendar.known_until = end_of_source
        calendar._history_user = by  # type: ignore[attr-defined]  # read by simple_history
        calendar.save(update_fields=["known_until"])
    report.known_until = calendar.known_until
    return report


def _skip_reason(day: IcsDay, entered: CalendarDay | None) -> tuple[str, str, str]:
    """Why the day cannot be added ("" when it can), and the names it would be saved with."""
    if entered is not None:
        if entered.is_working == day.is_working:
            return (
                _("it is in the calendar already, as “%(name)s”") % {"name": entered.name},
                "",
                "",
            )
        return (
            _("the calendar has “%(name)s” on that day: change that day to import this one")
            % {"name": entered.name},
            "",
            "",
        )
    try:
        name_en, name_zh = day_checked(day.date, day.is_working, day.name_en, day.name_zh_hans)
    except CalendarError as refused:
        return str(refused), "", ""
    return "", name_en, name_zh


@transaction.atomic
def calendar_ics_import(*, by: "User", calendar: WorkingCalendar, content: bytes) -> IcsImport:
    """Add the file's days the calendar lacks; a day it has, or a day that breaks a rule of
    a day entered by hand, is left out and said why. A file that cannot be read changes
    nothing: it is refused before anything is written. `known_until` is not moved: whether
    the file holds a whole year is for the person to say."""
    require_editor(by, calendar)
    try:
        days, skipped = ics_read(content)
    except IcsUnreadable as unreadable:
        raise CalendarError(str(unreadable)) from unreadable
    calendar = _locked(calendar)
    entered = {
        row.date: row
        for row in CalendarDay.objects.filter(calendar=calendar, date__in=[d.date for d in days])
    }
    report = IcsImport(skipped=skipped)
    for day in days:
        reason, name_en, name_zh = _skip_reason(day, entered.get(day.date))
        if reason:
            report.skipped.append(IcsSkipped(day.name_en or day.name_zh_hans, day.date, reason))
            continue
        report.added.append(
            CalendarDay(
                calendar=calendar,
                date=day.date,
                is_working=day.is_working,
                name_en=name_en,
                name_zh_hans=name_zh,
            )
        )
    try:
        with transaction.atomic():
            bulk_create_with_history(report.added, CalendarDay, default_user=by)
    except IntegrityError as clash:  # a day typed in by someone else meanwhile
        raise CalendarError(
            _("The calendar changed while the file was read. Import it again.")
        ) from clash
    report.skipped.sort(key=lambda s: (s.day or date.min, s.name))
    return report
