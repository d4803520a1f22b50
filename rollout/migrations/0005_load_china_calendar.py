from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from rollout.holidays_cn import CALENDAR_NAME, DAYS_2026


def load(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    calendar_model = apps.get_model("rollout", "WorkingCalendar")
    day_model = apps.get_model("rollout", "CalendarDay")
    calendar, _created = calendar_model.objects.get_or_create(
        name=CALENDAR_NAME, defaults={"is_default": True}
    )
    for day, is_working, name_en, name_zh in DAYS_2026:
        day_model.objects.update_or_create(
            calendar=calendar,
            date=day,
            defaults={"is_working": is_working, "name_en": name_en, "name_zh_hans": name_zh},
        )
    apps.get_model("rollout", "Rollout").objects.filter(calendar__isnull=True).update(
        calendar=calendar
    )


class Migration(migrations.Migration):
    dependencies = [("rollout", "0004_working_calendar")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
