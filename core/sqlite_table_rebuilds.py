"""Triggers through SQLite's table rebuilds. SQLite alters a table by rebuilding it (a new
table, the rows copied, the old one dropped, the new one renamed): the table's own triggers
go with the old table, and the rename is refused while a trigger on another table names the
table. PostgreSQL alters tables in place and keeps every trigger. Two ways through:

- `triggers_around_migrate`: triggers that a migration need not see (they keep a derived
  value or a version right for later writes) go away before every `migrate` and come back
  after it, once the migration that first made them is applied. No later migration has
  to know about them.
- `around_rebuild`: migrations that rebuild a table a kept trigger names (rollout_tasklog's,
  which adds a log's hours to rollout_task) run with `legacy_alter_table` on, which skips
  the rename's check; the trigger names the table again once it is back under its own
  name.

Only SQLite needs either; both do nothing on PostgreSQL."""

from collections.abc import Callable
from typing import Any

from django.apps import AppConfig
from django.apps.registry import Apps
from django.db import connections, migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.signals import post_migrate, pre_migrate


def triggers_around_migrate(
    app_config: AppConfig,
    *,
    name: str,
    made_by: tuple[str, str],
    create: Callable[[BaseDatabaseSchemaEditor], object],
    drop: Callable[[BaseDatabaseSchemaEditor], object],
) -> None:
    """On SQLite, `drop` the triggers before every migrate and `create` them after it, once
    `made_by` (app label, migration name), the migration that first makes them, is applied.
    `name` tells one set of an app's triggers from another. Both are called with a schema
    editor of the database being migrated, and only when it is SQLite. Call from
    `app_config.ready()`."""

    def before(using: str, **kwargs: Any) -> None:
        connection = connections[using]
        if connection.vendor != "sqlite":
            return
        with connection.schema_editor() as editor:
            drop(editor)

    def after(using: str, **kwargs: Any) -> None:
        connection = connections[using]
        if connection.vendor != "sqlite":
            return
        if made_by not in MigrationRecorder(connection).applied_migrations():
            return
        with connection.schema_editor() as editor:
            create(editor)

    uid = f"{app_config.label}_{name}_sqlite"
    pre_migrate.connect(before, sender=app_config, dispatch_uid=f"{uid}_drop", weak=False)
    post_migrate.connect(after, sender=app_config, dispatch_uid=f"{uid}_create", weak=False)


def _legacy_alter_table(value: str) -> migrations.RunPython:
    def set_it(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(f"PRAGMA legacy_alter_table = {value}")

    return migrations.RunPython(set_it, set_it, elidable=True)


def around_rebuild(*operations: migrations.operations.base.Operation) -> list[object]:
    """`operations` with legacy_alter_table on around them on SQLite (nothing elsewhere)."""
    return [_legacy_alter_table("ON"), *operations, _legacy_alter_table("OFF")]
