"""`updated_at` kept by the database: a trigger stamps the row's updated_at on every UPDATE,
whoever writes it (a save with update_fields, a queryset .update(), another trigger such as
the one adding a log's hours to its task, raw SQL). Every UPDATE is stamped, one that sets
updated_at itself too: a full save() of an instance read before another write carries
the older updated_at, which must not put the stamp back. PostgreSQL stamps
the statement's time, not the transaction's start (now()): a long transaction would
otherwise stamp its changes earlier than reads made while it ran.

Used by migrations: what they create must not change once applied, so a change here goes
into a new migration, never an edit of this SQL. Table and column names come from the
migrations' own constants, never from input (hence the S608 exemptions)."""

from dataclasses import dataclass

from django.db.backends.base.schema import BaseDatabaseSchemaEditor

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION rollout_stamp_updated_at() RETURNS trigger AS $$
BEGIN
    NEW.updated_at := statement_timestamp();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""
# Django keeps SQLite datetimes as UTC text "YYYY-MM-DD HH:MM:SS.ffffff"; %f gives
# milliseconds, which compare in the same order.
SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"


def stamp_create(schema_editor: BaseDatabaseSchemaEditor, table: str) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)
        schema_editor.execute(
            f"CREATE TRIGGER {table}_updated_at BEFORE UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION rollout_stamp_updated_at()"
        )
    elif vendor == "sqlite":
        # No BEFORE trigger may change NEW in SQLite: the row is written again after the
        # update (recursive_triggers is off, so this does not fire itself).
        schema_editor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {table}_updated_at AFTER UPDATE ON {table} "  # noqa: S608
            "BEGIN "
            f"UPDATE {table} SET updated_at = {SQLITE_NOW} WHERE id = NEW.id; END"
        )


def stamp_drop(schema_editor: BaseDatabaseSchemaEditor, table: str) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_updated_at ON {table}")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_updated_at")


def stamp_parent_create(
    schema_editor: BaseDatabaseSchemaEditor, *, link_table: str, parent: str, column: str
) -> None:
    """A row added to or removed from `link_table` (a many-to-many table) stamps the parent
    row its `column` points at."""
    vendor = schema_editor.connection.vendor
    name = f"{link_table}_stamps_{parent}"
    if vendor == "postgresql":
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ BEGIN "  # noqa: S608
            f"UPDATE {parent} SET updated_at = statement_timestamp() "
            f"WHERE id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.{column} ELSE NEW.{column} END); "
            "RETURN NULL; END; $$ LANGUAGE plpgsql"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {name} AFTER INSERT OR DELETE ON {link_table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}()"
        )
    elif vendor == "sqlite":
        for event, row in (("INSERT", "NEW"), ("DELETE", "OLD")):
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {name}_{event.lower()} "  # noqa: S608
                f"AFTER {event} ON {link_table} BEGIN "
                f"UPDATE {parent} SET updated_at = {SQLITE_NOW} WHERE id = {row}.{column}; END"
            )


def stamp_parent_drop(
    schema_editor: BaseDatabaseSchemaEditor, *, link_table: str, parent: str
) -> None:
    name = f"{link_table}_stamps_{parent}"
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {link_table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()")
    elif schema_editor.connection.vendor == "sqlite":
        for event in ("insert", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}_{event}")


@dataclass(frozen=True)
class Stamped:
    """What an app stamps: its tables, and its many-to-many tables that stamp a parent.
    SQLite loses a table's stamp when it rebuilds the table: an app hands `create` and
    `drop` to core.sqlite_table_rebuilds.triggers_around_migrate."""

    migration: tuple[str, str]  # the migration that makes the triggers
    tables: tuple[str, ...]
    links: tuple[tuple[str, str, str], ...] = ()  # (link table, parent table, column)

    def create(self, schema_editor: BaseDatabaseSchemaEditor) -> None:
        for table in self.tables:
            stamp_create(schema_editor, table)
        for link, parent, column in self.links:
            stamp_parent_create(schema_editor, link_table=link, parent=parent, column=column)

    def drop(self, schema_editor: BaseDatabaseSchemaEditor) -> None:
        for link, parent, _column in self.links:
            stamp_parent_drop(schema_editor, link_table=link, parent=parent)
        for table in self.tables:
            stamp_drop(schema_editor, table)
