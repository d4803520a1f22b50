"""Commitment.updated_at and StaffingRequest.updated_at, stamped by a trigger on every change
of the row (the API's updated_since on commitments and staffing requests)."""

import django.utils.timezone
from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from core.sqlite_table_rebuilds import around_rebuild
from core.updated_at_stamps import stamp_create, stamp_drop

TABLES = ("roles_commitment", "roles_staffingrequest")


def create(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for table in TABLES:
        stamp_create(schema_editor, table)


def drop(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for table in TABLES:
        stamp_drop(schema_editor, table)


class Migration(migrations.Migration):
    dependencies = [
        ("staffing", "0003_counter_offer_replies"),
    ]

    operations = [
        *around_rebuild(
            migrations.AddField(
                model_name="commitment",
                name="updated_at",
                field=models.DateTimeField(
                    default=django.utils.timezone.now, editable=False, verbose_name="updated"
                ),
            ),
            migrations.AddField(
                model_name="staffingrequest",
                name="updated_at",
                field=models.DateTimeField(
                    default=django.utils.timezone.now, editable=False, verbose_name="updated"
                ),
            ),
        ),
        migrations.RunPython(create, drop),
    ]
