"""Redis stopped while people work: pages and saves keep working (nothing in a request
talks to the broker), and every reminder that fell due meanwhile goes out exactly once
after Redis is back, through the same beat and worker, neither of them restarted."""

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from demo.data import DEMO_PASSWORD
from demo.keys import demo_rollout_name
from tests.faults import app, results
from tests.faults.database import last_reminder_id, put_reminders, rows, scalar, unsent_due_count
from tests.faults.outbox import delivery
from tests.faults.processes import Processes
from tests.faults.services import PrivateRedis, free_port
from tests.faults.waiting import wait_until
from tests.faults.web import Browser, wait_for_http

FALLING_DUE = 300  # reminders written just before the outage, due in the middle of it
OUTAGE_SECONDS = 10
BEAT_ATTEMPTS_DURING_OUTAGE = 3
BEAT_FAILED = "Couldn't apply scheduled task dispatch-reminders"


def health(browser: Browser) -> tuple[str, str]:
    """/healthz's overall status and broker, from a 200 answer."""
    answer = browser.get("/healthz")
    assert answer.status == 200, answer
    report = json.loads(answer.body)
    return report["status"], report["broker"]


def test_redis_down_pages_and_saves_work_and_reminders_go_out_once_when_it_returns(
    app_database: str, private_redis: PrivateRedis, processes: Processes, tmp_path: Path
) -> None:
    db = app_database
    env = app.app_env(tmp_path, database_url=db, broker_url=private_redis.url, dispatch_every=1)
    port = free_port()
    worker = processes.start("worker", app.worker("w1", concurrency=1), env)
    beat = processes.start("beat", app.beat(tmp_path / "beat-schedule"), env)
    processes.start("gunicorn", app.gunicorn(port, workers=2), env)
    worker.wait_for_output(" ready.", timeout=60)
    beat.wait_for_output("beat: Starting", timeout=60)
    wait_for_http(f"http://127.0.0.1:{port}/healthz", timeout=60)

    # Working before the fault: a due reminder goes out through beat and the worker.
    put_reminders(db, prefix="before:", count=20, due_at=datetime.now(UTC))
    wait_until(lambda: unsent_due_count(db) == 0, timeout=30, what="reminders before the outage")

    browser = Browser(f"http://127.0.0.1:{port}")
    browser.sign_in("ceo", DEMO_PASSWORD)
    assert health(browser) == ("ok", "ok")
    rollout = scalar(
        db,
        "SELECT id FROM rollout_rollout WHERE name = %(name)s",
        {"name": demo_rollout_name("crm")},
    )
    departments = [
        row[0]
        for row in rows(
            db, "SELECT id FROM roles_department WHERE code IN ('sales', 'it', 'finance')"
        )
    ]
    pages = ["/", f"/rollouts/{rollout}/staffing/", "/notifications/", f"/rollouts/{rollout}/team/"]
    before_outage = last_reminder_id(db)
    requests_before = scalar(db, "SELECT count(*) FROM roles_staffingrequest")

    put_reminders(
        db,
        prefix="outage:",
        count=FALLING_DUE,
        due_at=datetime.now(UTC) + timedelta(seconds=OUTAGE_SECONDS / 2),
    )
    private_redis.stop()
    outage_began = time.monotonic()
    beat_failures_before = beat.output().count(BEAT_FAILED)

    assert health(browser) == ("degraded", "down")  # answered 200: the app is up
    # People keep working through the outage: every page of the round, then a save.
    page_statuses: list[int] = []
    save_statuses: list[int] = []
    today = datetime.now(UTC).date()
    while time.monotonic() - outage_began < OUTAGE_SECONDS:
        page_statuses += [browser.get(path).status for path in pages]
        answer = browser.post(
            f"/rollouts/{rollout}/staffing/requests/",
            {
                "department": str(departments[len(save_statuses) % len(departments)]),
                "purpose": "training",
                "hours_per_week": "4",
                "start_date": str(today),
                "end_date": str(today + timedelta(days=30)),
                "note": f"asked while Redis was down ({len(save_statuses)})",
            },
        )
        save_statuses.append(answer.status)
        time.sleep(0.5)  # a person's pace, not a load test
    saves = len(save_statuses)
    assert page_statuses == [200] * len(page_statuses)
    assert save_statuses == [302] * saves
    assert scalar(db, "SELECT count(*) FROM roles_staffingrequest") == requests_before + saves

    # Nothing written during the outage may have gone out, though all of it is due and beat
    # tried to send the dispatcher every second.
    assert beat.output().count(BEAT_FAILED) - beat_failures_before >= BEAT_ATTEMPTS_DURING_OUTAGE
    during = delivery(db, after_id=before_outage)
    assert during.due == FALLING_DUE + saves, during
    assert during.sent == 0 and during.notifications == 0, during
    outage_seconds = time.monotonic() - outage_began

    private_redis.start()
    returned = time.monotonic()
    wait_until(
        lambda: unsent_due_count(db) == 0, timeout=90, what="the outage's reminders to go out"
    )
    caught_up = time.monotonic() - returned

    after = delivery(db, after_id=before_outage)
    assert after.exactly_once(), after
    assert after.due == FALLING_DUE + saves
    assert delivery(db).exactly_once(), delivery(db)
    assert worker.alive() and beat.alive()
    assert "Connection to broker lost" in worker.output()
    wait_until(lambda: health(browser) == ("ok", "ok"), timeout=30, what="/healthz to be ok")

    results.record(
        "1. Redis stopped while people work",
        outage_seconds=round(outage_seconds, 1),
        pages_during_outage=f"{page_statuses.count(200)}/{len(page_statuses)} answered 200",
        saves_during_outage=f"{save_statuses.count(302)}/{saves} saved (302)",
        beat_attempts_that_failed=beat.output().count(BEAT_FAILED) - beat_failures_before,
        reminders_due_during_outage=after.due,
        sent_during_outage=during.sent,
        sent_after_return=after.sent,
        notifications=after.notifications,
        duplicates=after.duplicated,
        seconds_from_redis_return_to_all_sent=round(caught_up, 1),
    )
