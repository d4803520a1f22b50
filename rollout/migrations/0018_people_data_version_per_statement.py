"""People's UPDATE trigger on PostgreSQL, once a statement instead of once a changed row
(rollout/data_version.py): a directory sync renaming N people in one statement gives every
rollout one new version, not N. SQLite has no statement-level triggers and keeps its trigger
a row (the embedded mode has few people)."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from rollout import data_version


def _run(schema_editor: BaseDatabaseSchemaEditor, statements: list[str]) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement)


def per_statement(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(
        schema_editor,
        data_version.pg_people_update_drop() + data_version.pg_people_update_per_statement(),
    )


def per_row(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, data_version.pg_people_update_drop() + data_version.pg_people_update_per_row())


class Migration(migrations.Migration):
    dependencies = [
        ("rollout", "0017_data_version_triggers"),
    ]

    operations = [migrations.RunPython(per_statement, per_row)]
