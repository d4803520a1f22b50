"""SQLite adds a NOT NULL column by rebuilding the table (a new table, the rows copied, the
old one dropped, the new one renamed). Renaming checks every trigger of the database, and
one on another table that names the dropped table (rollout_tasklog's, which adds a log's
hours to rollout_task) fails that check while the table is away. `legacy_alter_table` skips
the check for the rebuild; the trigger names the table again once it is back under its own
name. Migrations that rebuild such a table run between `around_rebuild`'s two steps."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def _legacy_alter_table(value: str) -> migrations.RunPython:
    def set_it(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(f"PRAGMA legacy_alter_table = {value}")

    return migrations.RunPython(set_it, set_it, elidable=True)


def around_rebuild(*operations: migrations.operations.base.Operation) -> list[object]:
    """`operations` with legacy_alter_table on around them on SQLite (nothing elsewhere)."""
    return [_legacy_alter_table("ON"), *operations, _legacy_alter_table("OFF")]
