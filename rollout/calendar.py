"""Counting working days with a rollout's calendar. One query loads the exceptions of a
date range; everything after that is arithmetic."""

from dataclasses import dataclass
from datetime import date, timedelta

from rollout.models import CalendarDay, Rollout

SATURDAY = 5


@dataclass(frozen=True)
class WorkingDays:
    """Which days between `start` and `end` (inclusive) are working days."""

    start: date
    end: date
    exceptions: dict[date, bool]

    def is_working(self, day: date) -> bool:
        if day in self.exceptions:
            return self.exceptions[day]
        return day.weekday() < SATURDAY

    def count(self, first: date, last: date) -> int:
        """Working days from `first` to `last`, both included (0 when last < first)."""
        return sum(
            1 for n in range((last - first).days + 1) if self.is_working(first + timedelta(n))
        )

    def add(self, day: date, working_days: int) -> date:
        """The date `working_days` working days after `day` (day itself not counted)."""
        current, left = day, working_days
        while left > 0:
            current += timedelta(days=1)
            if self.is_working(current):
                left -= 1
        return current


def working_days(rollout: Rollout, start: date, end: date) -> WorkingDays:
    """The rollout's working days over a range. Pad `end` when you will count past it."""
    if rollout.calendar_id is None:
        return WorkingDays(start, end, {})
    rows = CalendarDay.objects.filter(
        calendar_id=rollout.calendar_id, date__gte=start, date__lte=end
    ).values_list("date", "is_working")
    return WorkingDays(start, end, dict(rows))


def calendars_working_days(
    calendar_ids: set[int], start: date, end: date
) -> dict[int, WorkingDays]:
    """Several calendars' working days over a range, by calendar id, in one query (the
    calendars of the departments whose people a figure counts)."""
    exceptions: dict[int, dict[date, bool]] = {pk: {} for pk in calendar_ids}
    rows = CalendarDay.objects.filter(
        calendar_id__in=calendar_ids, date__gte=start, date__lte=end
    ).values_list("calendar_id", "date", "is_working")
    for calendar_id, day, is_working in rows:
        exceptions[calendar_id][day] = is_working
    return {pk: WorkingDays(start, end, days) for pk, days in exceptions.items()}


def week_start(day: date) -> date:
    """The Monday of the day's week."""
    return day - timedelta(days=day.weekday())
