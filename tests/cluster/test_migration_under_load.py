"""(e) A migration applied while people read and save through HAProxy: a new nullable column
on the task logs (the table every save here writes), added through PgBouncer in one
transaction with a lock timeout, as a careful migration is run. No request fails, and the
saves made after it land in the new shape of the table."""

import time

import psycopg2  # type: ignore[import-untyped]  # no stubs among the dev packages

from tests.cluster.cluster import Cluster
from tests.cluster.load import MARKER, Member, SaveLoad, saves
from tests.faults import results
from tests.faults.database import scalar
from tests.faults.waiting import wait_until

PEOPLE = 3
BEFORE = 20  # answers before the migration
AFTER = 30  # answers started after it was committed
COLUMN = "cluster_probe"


def add_a_nullable_column(url: str) -> float:
    """Returns how long the ALTER TABLE took, waiting for its lock included."""
    connection = psycopg2.connect(url, connect_timeout=5)
    started = time.monotonic()
    try:
        with connection, connection.cursor() as cursor:
            # A migration that cannot get its lock soon gives up rather than queue every
            # request behind it.
            cursor.execute("SET LOCAL lock_timeout = '10s'")
            cursor.execute(f"ALTER TABLE rollout_tasklog ADD COLUMN {COLUMN} text NULL")
    finally:
        connection.close()
    return time.monotonic() - started


def test_a_column_added_while_people_work_fails_no_request(cluster: Cluster) -> None:
    rollout = cluster.crm()
    members = [
        Member(cluster.signed_in(cluster.haproxy.url, username), rollout, task)
        for username, task in cluster.members_with_a_task(PEOPLE)
    ]
    load = SaveLoad(members, label="migration")
    with load:
        wait_until(
            lambda: sum(1 for o in load.snapshot() if o.ok) >= BEFORE,
            timeout=60,
            what="the load to run",
        )
        pooled = cluster.pgbouncer.connections(cluster.database)
        took = add_a_nullable_column(cluster.pgbouncer.url(cluster.database))
        done_at = time.monotonic()
        wait_until(
            lambda: sum(1 for o in load.snapshot() if o.started > done_at) >= AFTER,
            timeout=60,
            what="the load to go on after the migration",
        )
    outcomes = load.snapshot()
    final = saves(cluster.db_url, load)
    in_the_new_shape = scalar(
        cluster.db_url,
        # The column's name is this module's constant.
        f"SELECT count(*) FROM rollout_tasklog WHERE note LIKE %(like)s AND {COLUMN} IS NULL",  # noqa: S608
        {"like": f"{MARKER}migration:%"},
    )
    saves_after = [o for o in outcomes if o.kind == "save" and o.started > done_at]

    assert [o for o in outcomes if not o.ok] == []
    assert final.exactly_once, final
    assert in_the_new_shape == final.succeeded
    assert saves_after and all(o.ok for o in saves_after)

    results.record(
        "e. A column added while people work",
        people_in_the_load=PEOPLE,
        requests=len(outcomes),
        failed=sum(1 for o in outcomes if not o.ok),
        saves=final.succeeded,
        saves_started_after_the_migration=len(saves_after),
        seconds_the_alter_table_took=round(took, 3),
        slowest_request_seconds=round(max(o.ended - o.started for o in outcomes), 2),
        app_connections_to_pgbouncer=pooled["clients"],
        pgbouncer_connections_to_postgresql=pooled["servers"],
    )
