"""What the current transaction has written so far, read in one cheap query, so a test can
show that a request wrote nothing (no GET writes: DESIGN.md) without counting the rows of
every table.

PostgreSQL keeps per-table counters of the rows this transaction inserted, updated and
deleted (`pg_stat_xact_user_tables`), rolled-back savepoints included; SQLite counts the
rows the connection has changed (`total_changes()`). A pytest-django test runs in one
transaction on one connection, and the test client's requests run inside it."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

Writes = dict[str, tuple[int, int, int]]


def rows_written() -> Writes:
    """Per table: (inserted, updated, deleted) by the current transaction (on SQLite one
    total under the name "*")."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables"
                " WHERE n_tup_ins + n_tup_upd + n_tup_del > 0"
            )
            return {table: (ins, upd, dele) for table, ins, upd, dele in cursor.fetchall()}
        if connection.vendor == "sqlite":
            cursor.execute("SELECT total_changes()")
            return {"*": (int(cursor.fetchone()[0]), 0, 0)}
    raise NotImplementedError(f"no write counter for {connection.vendor}")


def changed_tables(before: Writes, after: Writes) -> dict[str, tuple[int, int, int]]:
    """The tables written between two readings, with the rows (inserted, updated, deleted)."""
    changed = {}
    for table, (ins, upd, dele) in after.items():
        was_ins, was_upd, was_del = before.get(table, (0, 0, 0))
        if (ins, upd, dele) != (was_ins, was_upd, was_del):
            changed[table] = (ins - was_ins, upd - was_upd, dele - was_del)
    return changed


@contextmanager
def nothing_written(what: str) -> Iterator[None]:
    """Fails when the block writes any row (names the tables and the row counts)."""
    before = rows_written()
    yield
    written = changed_tables(before, rows_written())
    assert not written, f"{what} wrote rows (inserted, updated, deleted): {written}"
