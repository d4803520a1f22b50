"""`migrate` carries a database made by an earlier main, demo data and all, to today's
schema: no row lost, no trigger dropped, and the written-once tables still refuse changes.
The dumps in fixtures/ (docs/migrations.md says how to refresh them) are loaded into a
scratch database of their own; pytest-django's test database plays no part."""

import os
import sqlite3
from decimal import Decimal
from importlib import import_module
from pathlib import Path

import psycopg2  # type: ignore[import-untyped]  # no stubs among the dev packages
import pytest

from tests.migrations.scratch_databases import (
    BOOKKEEPING,
    FIXTURES,
    Database,
    migrate,
    postgres_from,
    row_counts,
    sqlite_from,
)

# Triggers refuse UPDATE and DELETE of these rows on PostgreSQL, UPDATE only on SQLite
# (rollout 0008, selection 0004).
WRITTEN_ONCE = ("rollout_decision", "rollout_decisioncondition", "selection_scorechange")

# The demo has no score change after a reopening; this one (written in the schema of the
# dump, before migrating) gives that trigger a row to refuse.
A_SCORE_CHANGE = """
INSERT INTO selection_scorechange (changed_at, score_before, score_after, comment_before,
    comment_after, changed_by_id, criterion_id, reopening_id, vendor_id)
SELECT CURRENT_TIMESTAMP, NULL, 3, '', 'Reopened and scored again',
    (SELECT min(id) FROM roles_user), (SELECT min(id) FROM selection_criterion),
    (SELECT min(id) FROM selection_submission), (SELECT min(id) FROM selection_vendor)
"""

# Task.hours_logged is kept by triggers on rollout_tasklog (rollout 0009).
TASKS_OFF_THEIR_LOGS = """
SELECT count(*) FROM rollout_task t WHERE abs(t.hours_logged - COALESCE(
    (SELECT sum(l.hours) FROM rollout_tasklog l WHERE l.task_id = t.id), 0)) > 0.001
"""


# The gates still to be decided, which gates 0004 gives the "risks reviewed" criterion.
UNDECIDED_GATES = (
    "SELECT count(*) FROM rollout_gate g WHERE g.status IN ('upcoming', 'pending', 'held')"
)
REVIEW_CRITERION = (
    "SELECT 1 FROM rollout_gatecriterion c WHERE c.gate_id = g.id AND c.kind = 'risks_reviewed'"
)
# Of those, the Improve gates, which gates 0008 gives the "backlogs kept" criterion and
# gates 0009 the "adoption recorded" one.
UNDECIDED_IMPROVE_GATES = UNDECIDED_GATES + " AND g.key = 'improve'"
BACKLOGS_CRITERION = (
    "SELECT 1 FROM rollout_gatecriterion c WHERE c.gate_id = g.id AND c.kind = 'backlogs_kept'"
)
ADOPTION_CRITERION = (
    "SELECT 1 FROM rollout_gatecriterion c WHERE c.gate_id = g.id AND c.kind = 'adoption_recorded'"
)

# The gates' models moved from rollout by state only (gates 0002); their content types
# follow them, the gates' Recommendation renamed GateAdvice, keeping their ids (which
# permissions and admin log entries point at). Old name in rollout -> new name in gates.
GATES_MOVED: dict[str, str] = import_module("gates.migrations.0002_content_types_follow").MOVED


def content_type_ids(database: Database, app_label: str) -> dict[str, int]:
    rows = database.rows(
        f"SELECT model, id FROM django_content_type WHERE app_label = '{app_label}'"  # noqa: S608
    )
    return {model: int(pk) for model, pk in rows}


def dumps(kind: str) -> list[Path]:
    return sorted(FIXTURES.glob(f"main-*.{kind}.sql.gz"))


def first_row(table: str) -> str:
    return f"WHERE id = (SELECT min(id) FROM {table})"  # noqa: S608  # our own table names


def outcome(database: Database, sql: str) -> str:
    try:
        database.rows(sql)
    except (psycopg2.Error, sqlite3.Error) as error:
        return "refused" if "written once" in str(error) else f"failed otherwise: {error}"
    return "allowed"


def hours_logged_moves_with_a_log(database: Database) -> Decimal:
    log, task = database.rows(
        "SELECT id, task_id FROM rollout_tasklog WHERE corrects_id IS NULL AND hours <= 23"
        " ORDER BY id LIMIT 1"
    )[0]

    # Ids read from the database itself; a Decimal from PostgreSQL, a float from SQLite.
    def total() -> Decimal:
        sql = f"SELECT hours_logged FROM rollout_task WHERE id = {int(task)}"  # noqa: S608
        return Decimal(str(database.rows(sql)[0][0]))

    before = total()
    database.rows(f"UPDATE rollout_tasklog SET hours = hours + 1 WHERE id = {int(log)}")  # noqa: S608
    return total() - before


def check_it_migrates_forward(database: Database, refused: list[str]) -> None:
    database.rows(A_SCORE_CHANGE)
    tables = database.tables()
    counts = row_counts(database, tables)
    triggers = database.triggers()
    before = content_type_ids(database, "rollout")
    undecided = database.rows(UNDECIDED_GATES)[0][0]
    improve = database.rows(UNDECIDED_IMPROVE_GATES)[0][0]

    result = migrate(database)

    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    present = set(database.tables())
    after = row_counts(database, [table for table in tables if table in present])
    changed = {
        table: (count, after.get(table))
        for table, count in counts.items()
        if after.get(table) != count
        and not (table in BOOKKEEPING and after.get(table, -1) >= count)
    }
    # The one table that grows: every gate not decided yet asks for a risk review (gates 0004),
    # and every Improve gate not decided yet for the departments' backlogs and the adoption
    # figures (gates 0008 and 0009).
    added = {
        "rollout_gatecriterion": (
            counts["rollout_gatecriterion"],
            counts["rollout_gatecriterion"] + undecided + 2 * improve,
        )
    }
    assert undecided > 0 and improve > 0
    assert changed == added, "table: (rows before, rows after migrate)"
    asking = database.rows(UNDECIDED_GATES + " AND EXISTS (" + REVIEW_CRITERION + ")")[0][0]
    assert asking == undecided
    kept = database.rows(UNDECIDED_IMPROVE_GATES + " AND EXISTS (" + BACKLOGS_CRITERION + ")")
    assert kept[0][0] == improve
    adopted = database.rows(UNDECIDED_IMPROVE_GATES + " AND EXISTS (" + ADOPTION_CRITERION + ")")
    assert adopted[0][0] == improve
    assert triggers - database.triggers() == set(), "triggers that migrate dropped"
    statements = [
        f"{change.format(table=table)} {first_row(table)}"
        for table in WRITTEN_ONCE
        for change in refused
    ]
    assert {sql: outcome(database, sql) for sql in statements} == dict.fromkeys(
        statements, "refused"
    )
    moved = content_type_ids(database, "gates")
    assert {new: moved.get(new) for new in GATES_MOVED.values()} == {
        new: before[old] for old, new in GATES_MOVED.items() if old in before
    }
    # An id read from the database itself.
    sql = f"SELECT codename FROM auth_permission WHERE content_type_id = {moved['gateadvice']}"  # noqa: S608
    advice = database.rows(sql + " ORDER BY codename")
    assert [codename for (codename,) in advice] == [
        "add_gateadvice",
        "change_gateadvice",
        "delete_gateadvice",
        "view_gateadvice",
    ]
    off_their_logs = database.rows(TASKS_OFF_THEIR_LOGS)[0][0]
    assert (off_their_logs, hours_logged_moves_with_a_log(database)) == (0, Decimal(1))


def test_it_has_a_dump_of_a_release_for_each_database() -> None:
    assert (len(dumps("postgresql")) > 0, len(dumps("sqlite")) > 0) == (True, True)


@pytest.mark.parametrize("dump", dumps("postgresql"), ids=lambda dump: dump.name)
def test_a_postgresql_database_of_a_release_migrates_forward(dump: Path) -> None:
    suite_url = os.environ.get("DATABASE_URL", "")
    if not suite_url.startswith(("postgres://", "postgresql://")):
        pytest.skip("DATABASE_URL is not PostgreSQL (CI's is); the server is taken from it")
    with postgres_from(dump, suite_url) as database:
        check_it_migrates_forward(
            database, refused=["UPDATE {table} SET id = id", "DELETE FROM {table}"]
        )


@pytest.mark.parametrize("dump", dumps("sqlite"), ids=lambda dump: dump.name)
def test_an_embedded_sqlite_database_of_a_release_migrates_forward(
    dump: Path, tmp_path: Path
) -> None:
    with sqlite_from(dump, tmp_path) as database:
        check_it_migrates_forward(database, refused=["UPDATE {table} SET id = id"])
