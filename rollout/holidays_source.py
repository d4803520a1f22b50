"""Mainland China's public holidays and make-up working days (调休) from a maintained
source: the `chinese-calendar` package, which adds each year once the State Council's
notice is out (version 1.11 holds 2004 to 2026). Upgrading the package and loading again
brings the new year in; a year it does not hold yet is entered in the app.

The names are the calendar's own (those of rollout/holidays_cn.py, e.g. "Qingming
Festival · 清明节"), so loading over the days already entered changes nothing that is the
same; a holiday this module does not name keeps the package's English and Chinese names."""

from dataclasses import dataclass
from datetime import date
from typing import Final

from chinese_calendar import constants

# The package's holiday (its English name, the enum's value) -> the calendar's names.
NAMES: Final[dict[str, tuple[str, str]]] = {
    "New Year's Day": ("New Year's Day", "元旦"),
    "Spring Festival": ("Spring Festival", "春节"),
    "Tomb-sweeping Day": ("Qingming Festival", "清明节"),
    "Labour Day": ("Labour Day", "劳动节"),
    "Dragon Boat Festival": ("Dragon Boat Festival", "端午节"),
    "National Day": ("National Day", "国庆节"),
    "Mid-autumn Festival": ("Mid-Autumn Festival", "中秋节"),
}
# Make-up days are named after their holiday, as the State Council's notice does.
MAKE_UP_OF: Final = {"New Year's Day": "New Year"}


@dataclass(frozen=True)
class SourceDay:
    date: date
    is_working: bool
    name_en: str
    name_zh_hans: str


def _names(holiday: str) -> tuple[str, str]:
    if holiday in NAMES:
        return NAMES[holiday]
    try:
        chinese = str(constants.Holiday(holiday).chinese)
    except ValueError:  # a name the package's enum does not know: keep it in English only
        chinese = ""
    return holiday, chinese


def source_years() -> tuple[int, int]:
    """The first and last year the installed package holds."""
    years = [day.year for day in constants.holidays]
    return min(years), max(years)


def source_days() -> list[SourceDay]:
    """Every public holiday and make-up working day the package holds, by date."""
    days = []
    for day, holiday in constants.holidays.items():
        name_en, name_zh = _names(str(holiday))
        days.append(SourceDay(day, False, name_en, name_zh))
    for day, holiday in constants.workdays.items():
        name_en, name_zh = _names(str(holiday))
        days.append(
            SourceDay(
                day,
                True,
                f"Make-up working day ({MAKE_UP_OF.get(name_en, name_en)})",
                f"{name_zh}调休上班" if name_zh else "调休上班",
            )
        )
    return sorted(days, key=lambda d: d.date)
