"""(d) A second beat started by mistake next to the first: each sends the dispatcher every
second, the two workers run twice as many dispatch tasks, and every reminder still goes out
exactly once. Each dispatch task logs how many reminders it sent; had two sent the same
reminder, those numbers would add up to more than the reminders marked sent."""

import re
from datetime import UTC, datetime

from tests.cluster.cluster import BEAT_SENT, Cluster
from tests.faults import results
from tests.faults.database import last_reminder_id, put_reminders, sent_count, unsent_due_count
from tests.faults.outbox import delivery
from tests.faults.waiting import wait_until

REMINDERS = 10_000
TASK_SENT = re.compile(r"roles\.tasks\.dispatch_reminders\[([^\]]+)\] succeeded in [\d.]+s: (\d+)")
RECEIVED = re.compile(r"roles\.tasks\.dispatch_reminders\[([^\]]+)\] received")


def test_a_second_beat_started_by_mistake_sends_no_reminder_twice(cluster: Cluster) -> None:
    db = cluster.db_url
    wait_until(lambda: unsent_due_count(db) == 0, timeout=60, what="nothing due before")
    (first,) = cluster.beats
    second = cluster.start_beat()
    second.wait_for_output(BEAT_SENT, timeout=60)
    logs_from = {name: len(w.output()) for name, w in cluster.workers.items()}
    beats_from = [beat.output().count(BEAT_SENT) for beat in (first, second)]
    sent_before, before = sent_count(db), last_reminder_id(db)

    put_reminders(db, prefix="cluster-beats:", count=REMINDERS, due_at=datetime.now(UTC))
    wait_until(lambda: unsent_due_count(db) == 0, timeout=120, what="every reminder to go out")
    # Both beats kept sending the dispatcher meanwhile (every second each).
    wait_until(
        lambda: all(
            beat.output().count(BEAT_SENT) - n >= 2
            for beat, n in zip((first, second), beats_from, strict=True)
        ),
        timeout=30,
        what="both beats to send the dispatcher",
    )

    def finished() -> dict[str, int] | None:
        """Reminders each worker's finished dispatch tasks sent, once none is running."""
        reported = {}
        for name, worker in cluster.workers.items():
            log = worker.output()[logs_from[name] :]
            done = dict(TASK_SENT.findall(log))
            if set(RECEIVED.findall(log)) - set(done):
                return None
            reported[name] = sum(int(n) for n in done.values())
        return reported

    by_worker = wait_until(finished, timeout=60, what="the running dispatch tasks to finish")
    assert by_worker is not None
    sent = sent_count(db) - sent_before
    beats = [
        beat.output().count(BEAT_SENT) - n
        for beat, n in zip((first, second), beats_from, strict=True)
    ]
    cluster.stop_beat(second)
    final = delivery(db, after_id=before)

    assert final.exactly_once(), final
    # At least ours: beat's sweep (every 10 minutes) may have written a few of its own.
    assert final.due == sent >= REMINDERS
    assert sum(by_worker.values()) == sent, by_worker
    assert all(n >= 2 for n in beats), beats
    assert delivery(db).exactly_once()

    results.record(
        "d. A second beat started by mistake",
        reminders_due=REMINDERS,
        dispatch_tasks_sent_by_each_beat=beats,
        sent_by_each_worker=by_worker,
        reported_sends_in_total=sum(by_worker.values()),
        reminders_marked_sent=sent,
        notifications=final.notifications,
        duplicates=final.duplicated,
    )
