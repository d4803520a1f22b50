"""Two workers, two beats (each sending the dispatcher every second) and two
`manage.py dispatch_reminders` at once over many due reminders: each reminder is sent by
exactly one of them. The dispatchers report how many they sent; if two had sent the same
reminder, the reports would add up to more than the reminders sent (the notification's
unique reminder would hide it in the table, not in the count)."""

import re
from datetime import UTC, datetime
from pathlib import Path

from tests.faults import app, results
from tests.faults.database import put_reminders, sent_count, unsent_due_count
from tests.faults.outbox import delivery
from tests.faults.processes import Process, Processes
from tests.faults.services import PrivateRedis
from tests.faults.waiting import wait_until

REMINDERS = 40_000
TASK_SENT = re.compile(r"roles\.tasks\.dispatch_reminders\[[^\]]+\] succeeded in [\d.]+s: (\d+)")
COMMAND_SENT = re.compile(r"sent (\d+) reminders")
BEAT_SENT = "Sending due task dispatch-reminders"


def reported(process: Process, pattern: re.Pattern[str]) -> int:
    return sum(int(n) for n in pattern.findall(process.output()))


def test_two_workers_two_beats_and_two_commands_send_each_reminder_once(
    app_database: str, private_redis: PrivateRedis, processes: Processes, tmp_path: Path
) -> None:
    db = app_database
    env = app.app_env(tmp_path, database_url=db, broker_url=private_redis.url, dispatch_every=1)
    workers = [
        processes.start(f"worker-{n}", app.worker(f"w{n}", concurrency=2), env) for n in (1, 2)
    ]
    beats = [
        processes.start(f"beat-{n}", app.beat(tmp_path / f"beat-{n}-schedule"), env) for n in (1, 2)
    ]
    for worker in workers:
        worker.wait_for_output(" ready.", timeout=60)
    for beat in beats:
        beat.wait_for_output(BEAT_SENT, timeout=60)
    wait_until(lambda: unsent_due_count(db) == 0, timeout=30, what="the demo's reminders")
    sent_before = sent_count(db)

    put_reminders(db, prefix="many:", count=REMINDERS, due_at=datetime.now(UTC))
    commands = [
        processes.start(f"command-{n}", app.manage("dispatch_reminders"), env) for n in (1, 2)
    ]
    wait_until(lambda: unsent_due_count(db) == 0, timeout=120, what="every reminder to go out")
    for command in commands:
        assert command.popen.wait(timeout=60) == 0, command.output()
    for process in workers + beats:
        processes.stop(process)  # warm: a running task finishes and logs what it sent

    sent = sent_count(db) - sent_before
    by_process = {w.name: reported(w, TASK_SENT) for w in workers}
    by_process |= {c.name: reported(c, COMMAND_SENT) for c in commands}
    final = delivery(db)
    assert final.exactly_once(), final
    assert sent >= REMINDERS
    assert sum(by_process.values()) == sent, by_process
    assert sum(1 for n in by_process.values() if n) >= 2, f"no contention: {by_process}"
    assert all(beat.output().count(BEAT_SENT) >= 2 for beat in beats)
    for worker in workers:
        assert not re.search(r"dispatch_reminders\[[^\]]+\] (retry|raised)", worker.output())

    results.record(
        "4. Two workers, two beats and two dispatch_reminders commands at once",
        reminders_due_in_the_run=sent,
        sent_by_each_process=by_process,
        reported_sends_in_total=sum(by_process.values()),
        dispatch_tasks_sent_by_each_beat=[beat.output().count(BEAT_SENT) for beat in beats],
        all_reminders_due_and_sent=f"{final.sent}/{final.due}",
        notifications=final.notifications,
        duplicates=final.duplicated,
    )
