"""manage.py load_chinese_holidays [--calendar NAME]: mainland China's public holidays and
make-up working days for every year the installed `chinese-calendar` package holds, into
the named working calendar (by default the mainland China one, created when missing).
Run it after upgrading the package each year; the calendar's page does the same for an
administrator or the executive ("Load holidays from chinese-calendar")."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rollout.holidays_cn import CALENDAR_NAME
from rollout.models import WorkingCalendar
from rollout.services.calendar_sources import chinese_holidays_load


class Command(BaseCommand):
    help = "Load mainland China's holidays and make-up working days from chinese-calendar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--calendar", default=CALENDAR_NAME, help="the calendar's name")

    def handle(self, *args: Any, **options: Any) -> None:
        calendar, created = WorkingCalendar.objects.get_or_create(name=options["calendar"])
        report = chinese_holidays_load(by=None, calendar=calendar)
        self.stdout.write(
            f"{calendar.name}{' (created)' if created else ''}: years "
            f"{report.first_year}-{report.last_year}, {report.added} days added, "
            f"{report.changed} changed; holidays known until {report.known_until}."
        )
