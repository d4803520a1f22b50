"""A Celery worker killed with SIGKILL in the middle of dispatching: every reminder still
goes out exactly once. Two kills: the pool process running the task (the worker's main
process sees it die and, with task_reject_on_worker_lost, puts the message back at once),
and the whole worker (the message waits in Redis, unacknowledged, until the visibility
timeout hands it to the next worker)."""

import os
import re
import signal
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from notifications.services.reminders import DISPATCH_BATCH
from tests.faults import app, results
from tests.faults.database import last_reminder_id, put_reminders, sent_count, unsent_due_count
from tests.faults.outbox import delivery
from tests.faults.processes import Process, Processes
from tests.faults.services import PrivateRedis
from tests.faults.waiting import wait_until

# Enough that dispatching takes seconds (about 5,000 a second here), so the kill lands
# after some batches were committed and well before the last.
REMINDERS = 30_000
VISIBILITY_TIMEOUT = 5


def received(worker: Process, task_id: str) -> int:
    return worker.output().count(f"roles.tasks.dispatch_reminders[{task_id}] received")


@pytest.mark.parametrize("victim", ["pool process", "whole worker"])
def test_a_worker_killed_mid_task_loses_no_reminder_and_sends_none_twice(
    victim: str,
    app_database: str,
    private_redis: PrivateRedis,
    processes: Processes,
    tmp_path: Path,
) -> None:
    db = app_database
    env = app.app_env(
        tmp_path,
        database_url=db,
        broker_url=private_redis.url,
        visibility_timeout=VISIBILITY_TIMEOUT,
    )
    before = last_reminder_id(db)
    put_reminders(db, prefix="kill:", count=REMINDERS, due_at=datetime.now(UTC))
    worker = processes.start("worker-1", app.worker("w1", concurrency=1), env)
    worker.wait_for_output(" ready.", timeout=60)
    # No beat: the one message sent here must be the one that gets every reminder out.
    called = processes.run("call", app.send_dispatch_task(), env, timeout=60)
    task_id = called.strip().splitlines()[-1]
    assert re.fullmatch(r"[0-9a-f-]{36}", task_id), called

    wait_until(
        lambda: sent_count(db, after_id=before) >= 2 * DISPATCH_BATCH,
        timeout=60,
        what="the task to commit a few batches",
        every=0.05,
    )
    if victim == "pool process":
        (pool_process,) = worker.children()
        processes_killed = 1
        signal_time = time.monotonic()
        os.kill(pool_process, signal.SIGKILL)
    else:
        processes_killed = 1 + len(worker.children())
        signal_time = time.monotonic()
        worker.signal_group(signal.SIGKILL)
        worker.popen.wait(timeout=10)
    # The killed connection's open batch is rolled back by PostgreSQL: what is sent now is
    # whole batches only, each with its notifications.
    at_kill = delivery(db, after_id=before)
    assert 0 < at_kill.sent < REMINDERS, at_kill
    assert at_kill.sent == at_kill.notifications and at_kill.notified_unsent == 0, at_kill

    if victim == "pool process":
        finisher = worker
        assert worker.alive()
    else:
        assert unsent_due_count(db) > 0
        # Redis hands the message out again only once it has been unacknowledged for the
        # visibility timeout; a worker started after that finds it at once.
        time.sleep(max(0.0, signal_time + VISIBILITY_TIMEOUT + 1 - time.monotonic()))
        finisher = processes.start("worker-2", app.worker("w2", concurrency=1), env)
    wait_until(lambda: unsent_due_count(db) == 0, timeout=90, what="the rest to go out")
    recovered = time.monotonic() - signal_time

    after = delivery(db, after_id=before)
    assert after.exactly_once(), after
    assert after.due == REMINDERS
    assert delivery(db).exactly_once()
    # The same message, redelivered, finished the job (not a new one: nothing else was sent).
    deliveries = received(worker, task_id)
    if finisher is not worker:
        deliveries += received(finisher, task_id)
    assert deliveries == 2, (deliveries, task_id)
    if victim == "pool process":
        assert "WorkerLostError" in worker.output()

    results.record(
        f"2. Celery worker killed with SIGKILL mid-task ({victim})",
        reminders_due=REMINDERS,
        processes_killed=processes_killed,
        sent_before_the_kill=at_kill.sent,
        unsent_at_the_kill=REMINDERS - at_kill.sent,
        deliveries_of_the_task_message=deliveries,
        sent_in_the_end=after.sent,
        notifications=after.notifications,
        duplicates=after.duplicated,
        seconds_from_kill_to_all_sent=round(recovered, 1),
    )
