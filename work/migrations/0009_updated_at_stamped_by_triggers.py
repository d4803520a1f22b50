"""Task.updated_at, stamped by triggers on the task's row and on its assignees (the API's
updated_since on tasks)."""

import django.utils.timezone
from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from core.sqlite_table_rebuilds import around_rebuild
from core.updated_at_stamps import (
    stamp_create,
    stamp_drop,
    stamp_parent_create,
    stamp_parent_drop,
)

ASSIGNEES = {"link_table": "rollout_task_assignees", "parent": "rollout_task"}


def create(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    stamp_create(schema_editor, "rollout_task")
    stamp_parent_create(schema_editor, **ASSIGNEES, column="task_id")


def drop(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    stamp_parent_drop(schema_editor, **ASSIGNEES)
    stamp_drop(schema_editor, "rollout_task")


class Migration(migrations.Migration):
    dependencies = [
        ("work", "0008_logged_weeks"),
    ]

    operations = [
        *around_rebuild(
            migrations.AddField(
                model_name="task",
                name="updated_at",
                field=models.DateTimeField(
                    default=django.utils.timezone.now, editable=False, verbose_name="updated"
                ),
            ),
        ),
        migrations.RunPython(create, drop),
    ]
