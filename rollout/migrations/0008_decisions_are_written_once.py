"""Decisions and their conditions are written once: the database itself refuses UPDATE
and DELETE of those rows, whoever sends them, even raw SQL as the application's own
database user. (PostgreSQL's TRUNCATE, used by test teardown, fires no row triggers.)

On SQLite, the embedded mode of `make run`, only UPDATE is refused: Django's test flush
deletes rows one table at a time, and a DELETE trigger there would make it fail."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

TABLES = ("rollout_decision", "rollout_decisioncondition")

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION rollout_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'rows of ' || TG_TABLE_NAME || ' are written once and cannot be changed',
        ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""


def create(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_written_once BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION rollout_refuse_change()"
            )
    elif vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_written_once BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'rows of {table} are written once'); END"
            )


def drop(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_written_once ON {table}")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_written_once")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS rollout_refuse_change()")


class Migration(migrations.Migration):
    dependencies = [("rollout", "0007_gates_and_history")]

    operations = [migrations.RunPython(create, drop)]
