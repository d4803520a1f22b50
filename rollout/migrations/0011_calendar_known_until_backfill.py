"""Existing calendars were loaded a whole year at a time (the State Council's notice), so
each knows its holidays until the end of the last year it has any day of. Each calendar
also gets its first history row, so the first change made in the app shows its "before"."""

from datetime import date

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import Max
from django.utils import timezone


def backfill(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    calendars = apps.get_model("rollout", "WorkingCalendar").objects.filter(known_until=None)
    for calendar in calendars.annotate(last=Max("days__date")):
        if calendar.last is not None:
            calendar.known_until = date(calendar.last.year, 12, 31)
            calendar.save(update_fields=["known_until"])
    history = apps.get_model("rollout", "HistoricalWorkingCalendar")
    now = timezone.now()
    for calendar in apps.get_model("rollout", "WorkingCalendar").objects.all():
        history.objects.create(
            id=calendar.pk,
            name=calendar.name,
            is_default=calendar.is_default,
            known_until=calendar.known_until,
            history_date=now,
            history_type="+",
        )


class Migration(migrations.Migration):
    dependencies = [("rollout", "0010_calendar_known_until_and_history")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
