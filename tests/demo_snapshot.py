"""The demo company as PostgreSQL's COPY data, kept in the test process's memory, to put it
back after a transactional test has emptied every table.

seed_demo builds the company through the services: several seconds of queries on a busy
machine, after every live-server or transactional test (over a hundred of them). Copying
the rows back is a fraction of a second. The rows go back exactly as they were seeded, with
the triggers off (`session_replication_role = replica`, as pg_restore --disable-triggers):
the totals kept by triggers (hours logged, weekly totals, data versions) are in the copied
rows already, and counting them again would double them. Then every rollout takes a new
data version, as a restored backup must (rollout/data_version.py): an entry a live-server
thread cached during the test under the snapshot's version may hold what that test wrote.

The demo's dates are relative to the day it was seeded: a snapshot of another day is not
restored (`fresh` is false; the suite seeds again and takes a new snapshot).

PostgreSQL only, and only for a superuser (the replication role needs one); otherwise
`take` returns None and the suite seeds the demo again as before."""

import io
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

# Django's record of the migrations applied: flush leaves it, and so does this.
KEPT = {"django_migrations"}


@dataclass(frozen=True)
class DemoSnapshot:
    # (table, COPY binary data) for each table with rows when the snapshot was taken.
    rows: tuple[tuple[str, bytes], ...]
    tables: tuple[str, ...]
    day: date

    def fresh(self) -> bool:
        return self.day == timezone.localdate()


def _tables(connection: BaseDatabaseWrapper) -> list[str]:
    with connection.cursor() as cursor:
        return sorted(set(connection.introspection.table_names(cursor)) - KEPT)


def _quoted(connection: BaseDatabaseWrapper, table: str) -> str:
    return connection.ops.quote_name(table)


def take(connection: BaseDatabaseWrapper) -> DemoSnapshot | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    if not row or not row[0]:
        return None
    tables = _tables(connection)
    rows = []
    with connection.cursor() as cursor:
        for table in tables:
            data = io.BytesIO()
            cursor.cursor.copy_expert(
                f"COPY {_quoted(connection, table)} TO STDOUT (FORMAT binary)", data
            )
            # Table names from the database's own catalogue, quoted: nothing typed by anyone.
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {_quoted(connection, table)})")  # noqa: S608
            if cursor.fetchone()[0]:
                rows.append((table, data.getvalue()))
    return DemoSnapshot(rows=tuple(rows), tables=tuple(tables), day=timezone.localdate())


def restore(connection: BaseDatabaseWrapper, snapshot: DemoSnapshot) -> None:
    """Every table as it was when the snapshot was taken: emptied (flush leaves content
    types and permissions recreated under new ids), then its rows copied back."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        for table in _tables(connection):
            cursor.execute(f"DELETE FROM {_quoted(connection, table)}")  # noqa: S608
        for table, data in snapshot.rows:
            cursor.cursor.copy_expert(
                f"COPY {_quoted(connection, table)} FROM STDIN (FORMAT binary)", io.BytesIO(data)
            )
        cursor.execute("SET LOCAL session_replication_role = origin")
        cursor.execute("UPDATE rollout_rollout SET data_version = data_version")
