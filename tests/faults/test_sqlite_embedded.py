"""The embedded mode of `make run` (one SQLite file, a Celery worker with its beat on the
filesystem transport, the development server): people keep saving while the worker renders
and mails a decision's briefs. Before, the worker rendered the PDFs inside its write
transaction, SQLite's one write lock, and every save in those seconds answered 503."""

import re
import sqlite3
import time
from datetime import date, timedelta
from pathlib import Path

from demo.data import DEMO_PASSWORD
from demo.keys import demo_rollout_name
from tests.faults import app, results
from tests.faults.loops import Loops
from tests.faults.processes import Processes
from tests.faults.services import free_port
from tests.faults.waiting import wait_until
from tests.faults.web import Browser, wait_for_http

SAVERS = 3


def _query(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def _hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} on the gate page"
    return found.group(1)


class Savers(Loops):
    """People saving staffing requests and signing in, in a loop, each answer kept."""

    join_timeout = 60

    def __init__(self, base_url: str, rollout: object, department: object) -> None:
        # (saver, started, status); status 0 with the error when no HTTP answer came at all
        self.answers: list[tuple[int, float, int]] = []
        self.errors: list[str] = []
        self._args = (base_url, rollout, department)
        super().__init__(self._run, [(n,) for n in range(SAVERS)])

    def _run(self, n: int) -> None:
        # A saver that dies must fail the test, not vanish: every failure is an answer.
        try:
            self._save_in_a_loop(n)
        except Exception as error:  # recorded, and asserted on by the test
            with self._lock:
                self.answers.append((n, time.monotonic(), 0))
                self.errors.append(f"saver {n}: {error!r}")

    def saved_after(self, moment: float) -> set[int]:
        """The savers with an answer to a save started after `moment`."""
        with self._lock:
            return {n for n, started, _status in self.answers if started > moment}

    def _save_in_a_loop(self, n: int) -> None:
        base_url, rollout, department = self._args
        browser = Browser(base_url)
        browser.sign_in("ceo", DEMO_PASSWORD)
        today = date.today()
        count = 0
        while not self._stop.is_set():
            count += 1
            started = time.monotonic()
            if n == 0:  # a sign-in writes the session and the person's last login
                status = Browser(base_url).sign_in_status("member1", DEMO_PASSWORD)
            else:
                status = browser.post(
                    f"/rollouts/{rollout}/staffing/requests/",
                    {
                        "department": str(department),
                        "purpose": "training",
                        "hours_per_week": "2",
                        "start_date": str(today),
                        "end_date": str(today + timedelta(days=30)),
                        "note": f"saver {n}, save {count}",
                    },
                    timeout=60,
                ).status
            with self._lock:
                self.answers.append((n, started, status))


def test_saves_never_fail_while_the_worker_renders_and_mails_a_decision(
    processes: Processes, tmp_path: Path
) -> None:
    database = tmp_path / "db.sqlite3"
    env = app.app_env(tmp_path, database_url=f"sqlite:///{database}", dispatch_every=1)
    for folder in ("queue", "processed", "control"):
        (tmp_path / "celery" / folder).mkdir(parents=True)
    processes.run("migrate", app.manage("migrate", "--noinput"), env, timeout=300)
    processes.run("seed", app.manage("seed_demo"), env, timeout=300)
    port = free_port()
    worker = processes.start(
        "worker",
        [
            *app.CELERY,
            "worker",
            "-B",
            "--pool=solo",
            "--loglevel=INFO",
            f"--schedule={tmp_path / 'beat-schedule'}",
        ],
        env,
    )
    processes.start("web", app.manage("runserver", f"127.0.0.1:{port}", "--noreload"), env)
    worker.wait_for_output(" ready.", timeout=120)
    wait_for_http(f"http://127.0.0.1:{port}/healthz", timeout=120)
    # The demo's own decisions go out first; the scenario starts from a quiet outbox.
    wait_until(
        lambda: (
            _query(database, "SELECT count(*) FROM rollout_decisionmailing WHERE sent_at IS NULL")
            == [(0,)]
        ),
        timeout=300,
        what="the demo's decision mail to go out",
    )
    ((rollout,),) = _query(
        database, "SELECT id FROM rollout_rollout WHERE name = ?", (demo_rollout_name("crm"),)
    )
    ((gate,),) = _query(
        database, "SELECT id FROM rollout_gate WHERE rollout_id = ? AND key = 'select'", (rollout,)
    )
    ((department,),) = _query(database, "SELECT id FROM roles_department WHERE code = 'it'")

    executive = Browser(f"http://127.0.0.1:{port}")
    executive.sign_in("ceo", DEMO_PASSWORD)
    page = executive.get(f"/rollouts/{rollout}/gates/{gate}/").body
    with Savers(f"http://127.0.0.1:{port}", rollout, department) as savers:
        asked = time.monotonic()
        decided = executive.post(
            f"/rollouts/{rollout}/gates/{gate}/decide/",
            {
                "outcome": "go",
                "reason": "Service and fit outweigh the price difference",
                "gate_version": _hidden(page, "gate_version"),
                "evidence_fingerprint": _hidden(page, "evidence_fingerprint"),
                "submission": _hidden(page, "submission"),
            },
            timeout=60,
        )
        decision_seconds = time.monotonic() - asked
        assert decided.status == 302, decided
        wait_until(
            lambda: (
                _query(
                    database, "SELECT count(*) FROM rollout_decisionmailing WHERE sent_at IS NULL"
                )
                == [(0,)]
                and _query(database, "SELECT count(*) FROM rollout_decisionbrief WHERE pdf = ''")
                == [(0,)]
            ),
            timeout=300,
            what="the decision's briefs rendered and its mail sent",
        )
        mailed = time.monotonic()
        # Every saver saves again after the worker is done: none of them died or hung.
        wait_until(
            lambda: savers.saved_after(mailed) == set(range(SAVERS)) or savers.errors,
            timeout=120,
            what="a save by every saver after the mail",
        )
    assert savers.errors == []
    during = [status for _n, started, status in savers.answers if asked <= started <= mailed]
    statuses = [status for _n, _started, status in savers.answers]
    assert during, "no save overlapped the rendering"
    assert set(statuses) <= {302}, sorted(set(statuses))
    assert list((tmp_path / "mail").glob("*.log")), "no decision mail was written"

    results.record(
        "5. Embedded mode (SQLite): saves while a decision's briefs render and mail",
        decision_request_seconds=round(decision_seconds, 2),
        seconds_from_decision_to_mail_sent=round(mailed - asked, 1),
        saves_during_that_time=f"{during.count(302)}/{len(during)} saved (302)",
        saves_in_all=f"{statuses.count(302)}/{len(statuses)} saved (302)",
    )
