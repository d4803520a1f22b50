"""Every write to a working calendar: a public holiday or make-up working day added or
removed, and the day up to which the calendar is complete. Who may write is one policy
(rollout.permissions.may_edit_calendar), checked here unless the view's access call
(get_calendar_for_user) has just answered it for the same calendar.

Nothing is cached from a calendar: the pages, the sweep and the expected hours read its
days on each request or run, so a change shows in every figure on the next one. Each
write is kept in the calendar's history (django-simple-history) with the person who made
it."""

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from core.checked import was_checked
from core.errors import AppError, NotAllowed
from core.validation import saved
from rollout.models import CalendarDay, WorkingCalendar
from rollout.permissions import may_edit_calendar

if TYPE_CHECKING:  # roles (people) is above rollout: the type Django's user gives is enough here
    from django.contrib.auth.models import AbstractUser as User

SATURDAY = 5
# The State Council publishes one year at a time; a date outside these years is a typo.
FIRST_YEAR, LAST_YEAR = 2000, 2100


class CalendarError(AppError):
    """A rule about calendars was broken; the message is meant for the person who tried."""


class CalendarNotAllowed(CalendarError, NotAllowed):
    """The person reads the calendar but may not change it (403)."""


def require_editor(by: "User", calendar: WorkingCalendar) -> None:
    if not was_checked(calendar, by.pk, "edit") and not may_edit_calendar(by, calendar):
        raise CalendarNotAllowed(
            _(
                "Only an administrator, or the executive of every rollout using this "
                "calendar, changes it."
            )
        )


def _check_year(day: date) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CalendarError(
            _("Enter a date between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )


def _shown(day: date) -> str:
    """The date and its weekday in the active language, e.g. "2027-02-08 (Monday)"."""
    return f"{day:%Y-%m-%d} ({formats.date_format(day, 'l')})"


def day_checked(day: date, is_working: bool, name_en: str, name_zh_hans: str) -> tuple[str, str]:
    """The rules every day entered keeps, however it is entered (typed, changed, imported):
    a year of some notice, a make-up working day on a weekend, a name. Returns the names to
    save: one name is enough, a Chinese name alone also stands for the English one."""
    _check_year(day)
    if is_working and day.weekday() < SATURDAY:
        raise CalendarError(
            _(
                "%(day)s is a weekday, a working day already: a make-up working day falls "
                "on a Saturday or Sunday."
            )
            % {"day": _shown(day)}
        )
    name_en, name_zh_hans = name_en.strip(), name_zh_hans.strip()
    if not (name_en or name_zh_hans):
        raise CalendarError(_("Name the day, e.g. Spring Festival."))
    return name_en or name_zh_hans, name_zh_hans


def _refuse_taken(existing: CalendarDay | None) -> None:
    if existing is not None:
        raise CalendarError(
            _("%(day)s is in the calendar already, as “%(name)s”: change that day instead.")
            % {"day": _shown(existing.date), "name": existing.name}
        )


def _saved_day(entry: CalendarDay) -> CalendarDay:
    # The clash: the same day entered at the same moment by someone else.
    return saved(
        entry,
        CalendarError,
        clash=_("%(day)s is in the calendar already. Reload the page to see it.")
        % {"day": _shown(entry.date)},
    )


@transaction.atomic
def calendar_day_add(
    *,
    by: "User",
    calendar: WorkingCalendar,
    day: date,
    is_working: bool,
    name_en: str,
    name_zh_hans: str = "",
) -> CalendarDay:
    """A public holiday (is_working False) or a make-up working day on a weekend (True).
    A holiday may fall on a weekend: official notices list the whole span of a holiday,
    weekend included, and the calendar keeps them as published."""
    require_editor(by, calendar)
    name_en, name_zh_hans = day_checked(day, is_working, name_en, name_zh_hans)
    _refuse_taken(CalendarDay.objects.filter(calendar=calendar, date=day).first())
    entry = CalendarDay(
        calendar=calendar,
        date=day,
        is_working=is_working,
        name_en=name_en,
        name_zh_hans=name_zh_hans,
    )
    entry._history_user = by  # type: ignore[attr-defined]  # read by simple_history
    return _saved_day(entry)


@transaction.atomic
def calendar_day_change(
    *,
    by: "User",
    entry: CalendarDay,
    day: date,
    is_working: bool,
    name_en: str,
    name_zh_hans: str = "",
) -> CalendarDay:
    """A day entered corrected: its date, its kind or its names (a notice amended, a typo).
    The same rules as a day added; moved onto a day entered already, it is refused."""
    require_editor(by, entry.calendar)
    name_en, name_zh_hans = day_checked(day, is_working, name_en, name_zh_hans)
    other = CalendarDay.objects.filter(calendar_id=entry.calendar_id, date=day).exclude(pk=entry.pk)
    _refuse_taken(other.first())
    entry.date, entry.is_working = day, is_working
    entry.name_en, entry.name_zh_hans = name_en, name_zh_hans
    entry._history_user = by  # type: ignore[attr-defined]  # read by simple_history
    return _saved_day(entry)


@transaction.atomic
def calendar_day_remove(*, by: "User", entry: CalendarDay) -> None:
    """Back to an ordinary day: Monday to Friday working, the weekend off."""
    require_editor(by, entry.calendar)
    entry._history_user = by  # type: ignore[attr-defined]  # read by simple_history
    entry.delete()


@transaction.atomic
def calendar_known_until_set(
    *, by: "User", calendar: WorkingCalendar, known_until: date
) -> WorkingCalendar:
    """Say the calendar is complete up to `known_until`. Each year it comes to know anew
    must have a day entered already: every year has public holidays on weekdays, so a year
    with none is a year whose notice has not been entered, and calling it known would hide
    the warning while Spring Festival still counts as working days."""
    require_editor(by, calendar)
    _check_year(known_until)
    calendar = WorkingCalendar.objects.select_for_update().get(pk=calendar.pk)
    before = calendar.known_until
    first_new_year = before.year + 1 if before else known_until.year
    entered = set(
        CalendarDay.objects.filter(
            calendar=calendar, date__year__gte=first_new_year, date__lte=known_until
        ).values_list("date__year", flat=True)
    )
    missing = [year for year in range(first_new_year, known_until.year + 1) if year not in entered]
    if missing:
        raise CalendarError(
            _(
                "No holiday of %(years)s is entered yet: enter that year's public holidays "
                "and make-up working days first, then say the calendar knows it."
            )
            % {"years": ", ".join(str(year) for year in missing)}
        )
    if before != known_until:
        calendar.known_until = known_until
        calendar._history_user = by  # type: ignore[attr-defined]  # read by simple_history
        calendar.full_clean()
        calendar.save(update_fields=["known_until"])
    return calendar
