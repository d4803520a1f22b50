"""Rollout.data_version: a random number that changes in the same transaction as every write
that changes what a rollout's pages show, so a cache keyed by it is never stale
(rollout/page_cache.py).

The database keeps it, by triggers, so it is right whoever writes: a service, the admin, an
import, a bulk update or raw SQL. Every table whose rows belong to a rollout is declared by
its own app (`data_version_owned` on the app's AppConfig, collected by `owned_tables`) with
the way from its row to the rollout (directly, or through its parents: a log through its
task, a condition through its decision and gate). A few tables every rollout shows
(people's names, departments, calendars) change the version of every rollout.

A new version is random (60 bits), never the old one plus one: a restored backup or a
rolled-back transaction must never give a rollout a version another node has already
cached other data under.

The names of the tables are the database's own (several models kept their table's name
when they moved between apps); this module imports no app above `rollout`, and names no
table of one but the shared ones and people's below, which migrations 0017 and 0018 made.
"""

from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

ROLLOUT_TABLE = "rollout_rollout"
# 2**60 - 1: random() & this in SQLite (a random 64-bit integer). PostgreSQL's random() is
# a double with 52 random bits at most, so its version is made of two 30-bit halves.
MASK = (1 << 60) - 1
_HALF = f"floor(random() * {1 << 30})::bigint"
POSTGRES_RANDOM = f"(({_HALF} << 30) | {_HALF})"
SQLITE_RANDOM = f"(random() & {MASK})"


@dataclass(frozen=True)
class Owned:
    """A table whose rows belong to one rollout: `path` is the way from the row to the
    rollout, a column of the row and then (column, table) hops, each column naming a row
    of the next table; the last table has the rollout's id in `rollout_id`."""

    table: str
    path: tuple[str, ...] = ("rollout_id",)
    parents: tuple[str, ...] = ()

    def rollout_of(self, row: str) -> str:
        """SQL for the rollout id of `row` (an alias, or NEW / OLD in a trigger)."""
        if not self.parents:
            return f"{row}.{self.path[0]}"
        joins = [f"{self.parents[0]} p0"]
        for i in range(1, len(self.parents)):
            joins.append(f"JOIN {self.parents[i]} p{i} ON p{i}.id = p{i - 1}.{self.path[i]}")
        last = len(self.parents) - 1
        return (
            f"(SELECT p{last}.rollout_id FROM {' '.join(joins)} WHERE p0.id = {row}.{self.path[0]})"
        )


def via(table: str, *hops: tuple[str, str]) -> Owned:
    """`table`, reaching its rollout through `hops` (column, table): ("task_id", "rollout_task")."""
    return Owned(table, tuple(c for c, _ in hops), tuple(t for _, t in hops))


def owned_tables() -> tuple[Owned, ...]:
    """The tables whose rows belong to a rollout, each declared by the app it belongs to as
    `data_version_owned` on its AppConfig (rollout imports no app above it)."""
    return tuple(
        entry
        for config in apps.get_app_configs()
        for entry in getattr(config, "data_version_owned", ())
    )


def not_page_content() -> tuple[str, ...]:
    """Tables with a rollout that are not what its pages show, or are written so often
    (the outbox, deliveries, chat traffic) that changing the version would empty the cache
    for nothing: each app names its own as `data_version_not_page_content` on its
    AppConfig. tests/core/test_data_version.py fails when a table reaching a rollout is
    declared in neither way."""
    return tuple(
        table
        for config in apps.get_app_configs()
        for table in getattr(config, "data_version_not_page_content", ())
    )


# Shown on every rollout's pages: a change here changes every rollout's version. Rare
# writes (an administrator's), so the cost of forgetting every rollout's cache is small.
SHARED: tuple[str, ...] = (
    "roles_department",
    "roles_catalogueentry",
    "rollout_workingcalendar",
    "rollout_calendarday",
)
# People: only the columns pages show. Signing in writes last_login, which must not
# forget every cache.
PEOPLE_TABLE = "roles_user"
PEOPLE_COLUMNS: tuple[str, ...] = (
    "username",
    "first_name",
    "last_name",
    "display_name",
    "email",
    "department_id",
    "weekly_capacity_hours",
    "is_active",
)

OPERATIONS = ("insert", "update", "delete")


def _pg_function(name: str, body: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$\n"
        f"BEGIN\n{body}\nRETURN NULL;\nEND;\n$$ LANGUAGE plpgsql"
    )


def _pg_owned(owned: Owned) -> list[str]:
    """One function a table and a statement-level trigger an operation, reading the
    statement's rows from its transition table: a bulk update of 3,000 tasks changes the
    version once, not 3,000 times."""
    function = f"{owned.table}_data_version"
    bump = f"UPDATE {ROLLOUT_TABLE} SET data_version = {POSTGRES_RANDOM} WHERE id IN "
    new = f"SELECT {owned.rollout_of('r')} FROM new_rows r"
    old = f"SELECT {owned.rollout_of('r')} FROM old_rows r"
    body = (
        f"IF TG_OP = 'INSERT' THEN {bump}({new});\n"
        f"ELSIF TG_OP = 'UPDATE' THEN {bump}({new} UNION {old});\n"
        f"ELSE {bump}({old});\nEND IF;"
    )
    statements = [_pg_function(function, body)]
    referencing = {
        "insert": "NEW TABLE AS new_rows",
        "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "delete": "OLD TABLE AS old_rows",
    }
    for operation in OPERATIONS:
        statements.append(
            f"CREATE TRIGGER {owned.table}_dv_{operation} AFTER {operation.upper()} "
            f"ON {owned.table} REFERENCING {referencing[operation]} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )
    return statements


def _pg_shared() -> list[str]:
    function = "rollout_every_data_version"
    every = f"UPDATE {ROLLOUT_TABLE} SET data_version = {POSTGRES_RANDOM};"
    statements = [_pg_function(function, every)]
    for table in SHARED:
        statements.append(
            f"CREATE TRIGGER {table}_dv AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )
    statements.append(
        f"CREATE TRIGGER {PEOPLE_TABLE}_dv AFTER INSERT OR DELETE ON {PEOPLE_TABLE} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
    )
    return statements + pg_people_update_per_row()


def pg_people_update_per_row() -> list[str]:
    """People's UPDATE trigger as migration 0017 made it: one run a changed row, so a
    statement renaming N people updated every rollout N times. 0018 replaces it with
    `pg_people_update_per_statement` (and puts it back when reversed)."""
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in PEOPLE_COLUMNS)
    return [
        f"CREATE TRIGGER {PEOPLE_TABLE}_dv_update AFTER UPDATE ON {PEOPLE_TABLE} "
        f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION rollout_every_data_version()"
    ]


PEOPLE_FUNCTION = f"{PEOPLE_TABLE}_data_version"


def pg_people_update_per_statement() -> list[str]:
    """People's UPDATE trigger, once a statement (migration 0018): when any row of the
    statement changed a column pages show, every rollout takes one new version, however
    many people the statement changed (a directory sync). A statement that changes none
    of them (signing in writes last_login) changes no version."""
    changed = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in PEOPLE_COLUMNS)
    body = (
        f"IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE {changed})"
        f" THEN\nUPDATE {ROLLOUT_TABLE} SET data_version = {POSTGRES_RANDOM};\nEND IF;"
    )
    return [
        _pg_function(PEOPLE_FUNCTION, body),
        f"CREATE TRIGGER {PEOPLE_TABLE}_dv_update AFTER UPDATE ON {PEOPLE_TABLE} "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {PEOPLE_FUNCTION}()",
    ]


def pg_people_update_drop() -> list[str]:
    """Either of the two (they share the trigger's name), and the function of the second."""
    return [
        f"DROP TRIGGER IF EXISTS {PEOPLE_TABLE}_dv_update ON {PEOPLE_TABLE}",
        f"DROP FUNCTION IF EXISTS {PEOPLE_FUNCTION}()",
    ]


def _pg_rollout() -> list[str]:
    """The rollout's own row: any insert or update (an edit through the ORM writes back
    the version it read) takes a new random version."""
    function = "rollout_rollout_new_data_version"
    return [
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$\n"
        f"BEGIN\nNEW.data_version := {POSTGRES_RANDOM};\nRETURN NEW;\nEND;\n"
        "$$ LANGUAGE plpgsql",
        f"CREATE TRIGGER {ROLLOUT_TABLE}_dv BEFORE INSERT OR UPDATE ON {ROLLOUT_TABLE} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
    ]


def _owned(tables: Collection[str] | None) -> tuple[Owned, ...]:
    """Every owned table, or the entries of `tables` only: a migration names the tables it
    was written for, so a table declared later gets its triggers from a migration of its own (an
    applied migration never runs again on PostgreSQL), and the tests, which migrate, fail
    until it has one."""
    every = owned_tables()
    return every if tables is None else tuple(o for o in every if o.table in tables)


def postgres_create(tables: Collection[str] | None = None) -> list[str]:
    statements = _pg_rollout() + _pg_shared()
    for owned in _owned(tables):
        statements += _pg_owned(owned)
    return statements


def postgres_drop(tables: Collection[str] | None = None) -> list[str]:
    statements = [f"DROP TRIGGER IF EXISTS {ROLLOUT_TABLE}_dv ON {ROLLOUT_TABLE}"]
    statements.append("DROP FUNCTION IF EXISTS rollout_rollout_new_data_version()")
    for table in SHARED:
        statements.append(f"DROP TRIGGER IF EXISTS {table}_dv ON {table}")
    statements.append(f"DROP TRIGGER IF EXISTS {PEOPLE_TABLE}_dv ON {PEOPLE_TABLE}")
    statements.append(f"DROP TRIGGER IF EXISTS {PEOPLE_TABLE}_dv_update ON {PEOPLE_TABLE}")
    statements.append("DROP FUNCTION IF EXISTS rollout_every_data_version()")
    for owned in _owned(tables):
        for operation in OPERATIONS:
            statements.append(
                f"DROP TRIGGER IF EXISTS {owned.table}_dv_{operation} ON {owned.table}"
            )
        statements.append(f"DROP FUNCTION IF EXISTS {owned.table}_data_version()")
    return statements


def _sqlite_triggers() -> dict[str, str]:
    """Name → body. SQLite has no statement-level triggers nor transition tables: one
    trigger a row. recursive_triggers is off, so the rollout's own trigger does not fire
    again on its own update."""
    bump = f"UPDATE {ROLLOUT_TABLE} SET data_version = {SQLITE_RANDOM}"
    every = f"BEGIN {bump}; END"
    triggers = {
        f"{ROLLOUT_TABLE}_dv_insert": f"AFTER INSERT ON {ROLLOUT_TABLE} "
        f"BEGIN {bump} WHERE id = NEW.id; END",
        f"{ROLLOUT_TABLE}_dv_update": f"AFTER UPDATE ON {ROLLOUT_TABLE} "
        f"BEGIN {bump} WHERE id = NEW.id; END",
    }
    for table in SHARED:
        for operation in OPERATIONS:
            triggers[f"{table}_dv_{operation}"] = f"AFTER {operation.upper()} ON {table} {every}"
    for operation in ("insert", "delete"):
        triggers[f"{PEOPLE_TABLE}_dv_{operation}"] = (
            f"AFTER {operation.upper()} ON {PEOPLE_TABLE} {every}"
        )
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in PEOPLE_COLUMNS)
    triggers[f"{PEOPLE_TABLE}_dv_update"] = f"AFTER UPDATE ON {PEOPLE_TABLE} WHEN {changed} {every}"
    for owned in owned_tables():
        new, old = owned.rollout_of("NEW"), owned.rollout_of("OLD")
        triggers[f"{owned.table}_dv_insert"] = (
            f"AFTER INSERT ON {owned.table} BEGIN {bump} WHERE id = {new}; END"
        )
        triggers[f"{owned.table}_dv_update"] = (
            f"AFTER UPDATE ON {owned.table} BEGIN {bump} WHERE id IN ({new}, {old}); END"
        )
        triggers[f"{owned.table}_dv_delete"] = (
            f"AFTER DELETE ON {owned.table} BEGIN {bump} WHERE id = {old}; END"
        )
    return triggers


def sqlite_create() -> list[str]:
    return [
        f"CREATE TRIGGER IF NOT EXISTS {name} {body}" for name, body in _sqlite_triggers().items()
    ]


def sqlite_drop() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name}" for name in _sqlite_triggers()]


def statements(vendor: str, *, create: bool, tables: Collection[str] | None = None) -> list[str]:
    if vendor == "postgresql":
        return postgres_create(tables) if create else postgres_drop(tables)
    if vendor == "sqlite":
        return sqlite_create() if create else sqlite_drop()
    return []


def _run(executor: BaseDatabaseSchemaEditor | BaseDatabaseWrapper, sql: Iterable[str]) -> None:
    if isinstance(executor, BaseDatabaseSchemaEditor):
        for statement in sql:
            executor.execute(statement)
        return
    with executor.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)


def triggers_create(
    executor: BaseDatabaseSchemaEditor | BaseDatabaseWrapper, tables: Collection[str] | None = None
) -> None:
    connection = executor.connection if isinstance(executor, BaseDatabaseSchemaEditor) else executor
    _run(executor, statements(connection.vendor, create=True, tables=tables))


def triggers_drop(
    executor: BaseDatabaseSchemaEditor | BaseDatabaseWrapper, tables: Collection[str] | None = None
) -> None:
    connection = executor.connection if isinstance(executor, BaseDatabaseSchemaEditor) else executor
    _run(executor, statements(connection.vendor, create=False, tables=tables))


# The names every data-version trigger is given above: "<table>_dv" and "<table>_dv_<operation>".
_PG_TRIGGER_NAMES = r"_dv(_(insert|update|delete))?$"


@contextmanager
def versions_paused(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """For one bulk load in one transaction (seed_scale): the data-version triggers off until
    the block ends, then every rollout given a new version, once. Each bulk statement would
    otherwise update each rollout's row, and at COMMIT every deferred foreign-key check of a
    million rows walks the hundreds of row versions this one transaction left (measured: a
    seed of 2 minutes took over 40).

    The triggers are switched off and on as they are (ALTER TABLE ... DISABLE TRIGGER), not
    dropped and made again, so the block leaves exactly the triggers the migrations made.
    ALTER TABLE holds each table's exclusive lock until the transaction ends: for a database
    being filled, never one in use. PostgreSQL only; elsewhere the triggers run as always."""
    if connection.vendor != "postgresql":
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("versions_paused needs the load's own transaction around it")
    with connection.cursor() as cursor:
        # ALTER TABLE refuses a table with foreign-key checks still pending in the
        # transaction: they are run at once, and during the load after each statement.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT tgrelid::regclass::text, tgname FROM pg_trigger"
            " WHERE NOT tgisinternal AND tgname ~ %s ORDER BY 1, 2",
            [_PG_TRIGGER_NAMES],
        )
        triggers = cursor.fetchall()
        for table, name in triggers:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {name}")
    yield
    with connection.cursor() as cursor:
        for table, name in triggers:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {name}")
        # Every rollout: the load may have written the tables every rollout shows (people,
        # departments); the rollout's own trigger picks each a new random version.
        cursor.execute(f"UPDATE {ROLLOUT_TABLE} SET data_version = data_version")
        # Every foreign key of the project is deferred until COMMIT (Django's default).
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
