from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from rollout.holidays_cn import calendar_load


def load(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    calendar = calendar_load(
        apps.get_model("rollout", "WorkingCalendar"), apps.get_model("rollout", "CalendarDay")
    )
    apps.get_model("rollout", "Rollout").objects.filter(calendar__isnull=True).update(
        calendar=calendar
    )


class Migration(migrations.Migration):
    dependencies = [("rollout", "0004_working_calendar")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
