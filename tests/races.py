"""Running jobs at the same instant, each on its own thread and database connection, for
the tests of races on real PostgreSQL row locks."""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections

# Waits are on conditions; the cap only turns a hang into a failure on a busy machine.
WAIT_CAP_SECONDS = 60


def run_together(*jobs: Callable[[], Any]) -> list[Any]:
    """Start the jobs at the same instant, each on its own thread and connection."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(index: int, job: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[index] = job()
        except Exception as error:  # the test inspects what each thread got
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2 * WAIT_CAP_SECONDS)  # a cap: a hung thread fails the test
    return results


def lock_waiters() -> int:
    """Other connections to this database waiting for a row lock now."""
    with connections["default"].cursor() as cursor:
        # Inside a transaction PostgreSQL answers the statistics views from a snapshot taken
        # at their first read: without clearing it, a waiter that came later is never seen.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0
