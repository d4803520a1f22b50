"""(c) One of the two Celery workers killed (SIGKILL to its main process and pool) while it
is dispatching reminders: the other worker, fed by beat every second, sends the rest, and
every reminder goes out exactly once. The killed worker's message stays unacknowledged in
Redis (production's visibility timeout is an hour); nothing waits for it."""

import re
import time
from datetime import UTC, datetime

from notifications.services.reminders import DISPATCH_BATCH
from tests.cluster.cluster import Cluster
from tests.faults import results
from tests.faults.database import last_reminder_id, put_reminders, sent_count, unsent_due_count
from tests.faults.outbox import delivery
from tests.faults.processes import Process
from tests.faults.waiting import wait_until

REMINDERS = 20_000
RECEIVED = re.compile(r"roles\.tasks\.dispatch_reminders\[([^\]]+)\] received")
SUCCEEDED = re.compile(r"roles\.tasks\.dispatch_reminders\[([^\]]+)\] succeeded")


def running(worker: Process) -> set[str]:
    """Dispatch tasks the worker has received and not finished."""
    log = worker.output()
    return set(RECEIVED.findall(log)) - set(SUCCEEDED.findall(log))


def test_a_worker_killed_while_sending_loses_no_reminder_and_sends_none_twice(
    cluster: Cluster,
) -> None:
    db = cluster.db_url
    wait_until(lambda: unsent_due_count(db) == 0, timeout=60, what="nothing due before")
    before = last_reminder_id(db)
    put_reminders(db, prefix="cluster-kill:", count=REMINDERS, due_at=datetime.now(UTC))
    wait_until(
        lambda: sent_count(db, after_id=before) >= 2 * DISPATCH_BATCH,
        timeout=60,
        what="a few batches to be committed",
        every=0.05,
    )
    busy = wait_until(
        lambda: next(((n, w) for n, w in cluster.workers.items() if running(w)), None),
        timeout=30,
        what="a worker in the middle of a dispatch",
        every=0.02,
    )
    assert busy is not None
    victim_name, victim = busy
    killed_tasks = running(victim)
    processes_killed = 1 + len(victim.children())
    killed_at = cluster.kill(victim)
    # PostgreSQL rolled back the batch the killed worker had open: whole batches only.
    at_kill = delivery(db, after_id=before)
    (survivor,) = (w for n, w in cluster.workers.items() if n != victim_name)
    survivor_log_at_kill = len(survivor.output())

    wait_until(lambda: unsent_due_count(db) == 0, timeout=120, what="the rest to go out")
    recovered = time.monotonic() - killed_at
    after = delivery(db, after_id=before)

    assert 0 < at_kill.sent < REMINDERS, at_kill
    assert at_kill.sent == at_kill.notifications and at_kill.notified_unsent == 0, at_kill
    assert after.exactly_once(), after
    assert after.due >= REMINDERS  # beat's sweep (every 10 minutes) may add a few
    assert delivery(db).exactly_once()
    # The killed worker never finished its task; the other one sent what was left.
    assert not set(SUCCEEDED.findall(victim.output())) & killed_tasks
    assert SUCCEEDED.search(survivor.output()[survivor_log_at_kill:])

    results.record(
        "c. A worker killed while sending reminders",
        reminders_due=REMINDERS,
        worker_killed=f"{victim.name} ({processes_killed} processes, task {sorted(killed_tasks)})",
        sent_before_the_kill=at_kill.sent,
        sent_in_the_end=after.sent,
        notifications=after.notifications,
        duplicates=after.duplicated,
        seconds_from_the_kill_to_all_sent=round(recovered, 1),
    )
