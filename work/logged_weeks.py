"""work_loggedweek: the hours each member logged on each rollout's tasks in each week,
kept by triggers on rollout_tasklog in the log's own transaction, so they are right
whoever writes a log (the service, an import, a correction, raw SQL).

PostgreSQL: statement-level triggers reading the statement's rows from transition tables
(an import of 10,000 logs makes one grouped upsert, not 10,000). SQLite (the embedded
mode): one trigger a row. A week starts on Monday, as TruncWeek's does. A log moved to a
task of another rollout is not followed: logs do not move."""

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

TABLE = "work_loggedweek"
LOG_TABLE = "rollout_tasklog"
KEY = "rollout_id, member_id, week"

BACKFILL = f"""
INSERT INTO {TABLE} (rollout_id, member_id, week, hours)
SELECT t.rollout_id, l.member_id, %(week)s, SUM(l.hours)
FROM {LOG_TABLE} l JOIN rollout_task t ON t.id = l.task_id
GROUP BY t.rollout_id, l.member_id, %(week)s
"""

POSTGRES_WEEK = "date_trunc('week', {date})::date"


def _pg_add(rows: str, sign: str) -> str:
    week = POSTGRES_WEEK.format(date="r.work_date")
    return (
        f"INSERT INTO {TABLE} ({KEY}, hours) "
        f"SELECT t.rollout_id, r.member_id, {week}, {sign}SUM(r.hours) "
        f"FROM {rows} r JOIN rollout_task t ON t.id = r.task_id "
        f"GROUP BY t.rollout_id, r.member_id, {week} "
        f"ON CONFLICT ({KEY}) DO UPDATE SET hours = {TABLE}.hours + EXCLUDED.hours;"
    )


POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION work_logged_week() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        {_pg_add("old_rows", "-")}
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        {_pg_add("new_rows", "")}
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""

POSTGRES_REFERENCING = {
    "insert": "NEW TABLE AS new_rows",
    "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "OLD TABLE AS old_rows",
}


def _sqlite_week(date: str) -> str:
    return f"date({date}, '-' || ((CAST(strftime('%w', {date}) AS INTEGER) + 6) % 7) || ' days')"


def _sqlite_add(row: str, sign: str) -> str:
    # "WHERE true": SQLite's parser needs it between a SELECT and ON CONFLICT.
    return (
        f"INSERT INTO {TABLE} ({KEY}, hours) "
        f"SELECT t.rollout_id, {row}.member_id, {_sqlite_week(f'{row}.work_date')}, "
        f"{sign}{row}.hours FROM rollout_task t WHERE t.id = {row}.task_id AND true "
        f"ON CONFLICT ({KEY}) DO UPDATE SET hours = hours + excluded.hours;"
    )


SQLITE_TRIGGERS = {
    f"{LOG_TABLE}_logged_week_insert": f"AFTER INSERT ON {LOG_TABLE} "
    f"BEGIN {_sqlite_add('NEW', '')} END",
    f"{LOG_TABLE}_logged_week_update": f"AFTER UPDATE OF hours, task_id, member_id, work_date "
    f"ON {LOG_TABLE} BEGIN {_sqlite_add('OLD', '-')} {_sqlite_add('NEW', '')} END",
    f"{LOG_TABLE}_logged_week_delete": f"AFTER DELETE ON {LOG_TABLE} "
    f"BEGIN {_sqlite_add('OLD', '-')} END",
}


def _statements(vendor: str, *, create: bool) -> list[str]:
    if vendor == "postgresql" and create:
        return [POSTGRES_FUNCTION] + [
            f"CREATE TRIGGER {LOG_TABLE}_logged_week_{operation} AFTER {operation.upper()} "
            f"ON {LOG_TABLE} REFERENCING {referencing} "
            "FOR EACH STATEMENT EXECUTE FUNCTION work_logged_week()"
            for operation, referencing in POSTGRES_REFERENCING.items()
        ]
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {LOG_TABLE}_logged_week_{operation} ON {LOG_TABLE}"
            for operation in POSTGRES_REFERENCING
        ] + ["DROP FUNCTION IF EXISTS work_logged_week()"]
    if vendor == "sqlite" and create:
        return [f"CREATE TRIGGER IF NOT EXISTS {n} {body}" for n, body in SQLITE_TRIGGERS.items()]
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS]
    return []


def _run(connection: BaseDatabaseWrapper, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def triggers_create(connection: BaseDatabaseWrapper) -> None:
    _run(connection, _statements(connection.vendor, create=True))


def triggers_drop(connection: BaseDatabaseWrapper) -> None:
    _run(connection, _statements(connection.vendor, create=False))


def backfill(schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    week = POSTGRES_WEEK.format(date="l.work_date") if vendor == "postgresql" else None
    if vendor == "sqlite":
        week = _sqlite_week("l.work_date")
    if week is not None:
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(BACKFILL.replace("%(week)s", week))
