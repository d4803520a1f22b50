"""Mainland China's public holidays and make-up working days (调休) for 2026, as set by
the State Council notice of 4 November 2025 (国务院办公厅关于2026年部分节假日安排的通知)."""

from datetime import date, timedelta
from typing import Any, Final

CALENDAR_NAME: Final = "Mainland China · 中国大陆"
# The last day whose holidays are all below. 2027's notice is not in: past this day the
# rollouts using the calendar warn (see WorkingCalendar.known_until).
KNOWN_UNTIL: Final = date(2026, 12, 31)


def _span(first: date, days: int) -> list[date]:
    return [first + timedelta(days=n) for n in range(days)]


# (date, is_working, English name, Chinese name)
DAYS_2026: Final[list[tuple[date, bool, str, str]]] = [
    *((d, False, "New Year's Day", "元旦") for d in _span(date(2026, 1, 1), 3)),
    (date(2026, 1, 4), True, "Make-up working day (New Year)", "元旦调休上班"),
    (date(2026, 2, 14), True, "Make-up working day (Spring Festival)", "春节调休上班"),
    *((d, False, "Spring Festival", "春节") for d in _span(date(2026, 2, 15), 9)),
    (date(2026, 2, 28), True, "Make-up working day (Spring Festival)", "春节调休上班"),
    *((d, False, "Qingming Festival", "清明节") for d in _span(date(2026, 4, 4), 3)),
    *((d, False, "Labour Day", "劳动节") for d in _span(date(2026, 5, 1), 5)),
    (date(2026, 5, 9), True, "Make-up working day (Labour Day)", "劳动节调休上班"),
    *((d, False, "Dragon Boat Festival", "端午节") for d in _span(date(2026, 6, 19), 3)),
    (date(2026, 9, 20), True, "Make-up working day (National Day)", "国庆节调休上班"),
    *((d, False, "Mid-Autumn Festival", "中秋节") for d in _span(date(2026, 9, 25), 3)),
    *((d, False, "National Day", "国庆节") for d in _span(date(2026, 10, 1), 7)),
    (date(2026, 10, 10), True, "Make-up working day (National Day)", "国庆节调休上班"),
]


def calendar_load(calendar_model: Any, day_model: Any) -> Any:
    """Create or update the mainland China calendar (the default for new rollouts).
    Models are passed in so a data migration can use its historical ones."""
    calendar, _created = calendar_model.objects.get_or_create(
        name=CALENDAR_NAME, defaults={"is_default": True}
    )
    existing = {row.date: row for row in day_model.objects.filter(calendar=calendar)}
    for day, is_working, name_en, name_zh in DAYS_2026:
        wanted = {"is_working": is_working, "name_en": name_en, "name_zh_hans": name_zh}
        row = existing.get(day)
        if row is None:
            day_model.objects.create(calendar=calendar, date=day, **wanted)
        elif any(getattr(row, key) != value for key, value in wanted.items()):
            # Only a real change is saved: each save is a line in the calendar's history,
            # and seed_demo runs this on every start.
            for key, value in wanted.items():
                setattr(row, key, value)
            row.save()
    # Say what it knows, unless someone already did (migration 0005's model has no field yet;
    # migration 0011 fills it there).
    has_known_until = any(f.name == "known_until" for f in calendar_model._meta.fields)
    if has_known_until and calendar.known_until is None:
        calendar.known_until = KNOWN_UNTIL
        calendar.save(update_fields=["known_until"])
    return calendar
