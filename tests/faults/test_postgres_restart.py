"""PostgreSQL restarted under load (stopped, kept down until the app has answered a
request without it, started again): requests fail while it is down, then all succeed
again, and gunicorn recovers by itself: the same master and the same workers, no restart
of the app. Connections are kept between requests (CONN_MAX_AGE) and checked before reuse
(CONN_HEALTH_CHECKS), so a request after the restart replaces a dead one instead of
failing on it."""

import time
from pathlib import Path

from demo.data import DEMO_PASSWORD
from tests.faults import app, results
from tests.faults.database import create_database, scalar
from tests.faults.load import Load
from tests.faults.processes import Processes
from tests.faults.services import PrivateCluster, free_port
from tests.faults.waiting import wait_until
from tests.faults.web import Browser, wait_for_http

PEOPLE = ["ceo", "member1", "sales.manager", "it.manager"]  # one thread each
PATHS = ["/", "/notifications/"]
GRACE = 2.0  # after the start command returns, the last failures may still be answered
WATCH_AFTER = 5.0  # seconds of load after the restart that must all succeed


def test_the_app_recovers_from_a_postgres_restart_under_load_without_restarting(
    private_cluster: PrivateCluster, processes: Processes, tmp_path: Path
) -> None:
    db = create_database(private_cluster.server_url, "rollout")
    env = app.app_env(tmp_path, database_url=db)
    processes.run("migrate", app.manage("migrate", "--noinput"), env, timeout=180)
    processes.run("seed", app.manage("seed_demo"), env, timeout=180)
    port = free_port()
    gunicorn = processes.start("gunicorn", app.gunicorn(port, workers=2), env)
    base = f"http://127.0.0.1:{port}"
    wait_for_http(f"{base}/healthz", timeout=60)
    browsers = [Browser(base) for _ in PEOPLE]
    for browser, person in zip(browsers, PEOPLE, strict=True):
        browser.sign_in(person, DEMO_PASSWORD)
    workers = gunicorn.children()
    assert len(workers) == 2
    server_started = scalar(db, "SELECT pg_postmaster_start_time()")

    with Load(browsers, PATHS) as load:
        wait_until(lambda: len(load.snapshot()) >= 40, timeout=60, what="the load to run")
        warm = load.snapshot()
        assert all(o.ok for o in warm), [o for o in warm if not o.ok][:5]
        restart_began = time.monotonic()
        private_cluster.ctl("stop")
        # Down until the app has answered a request without it, however fast the server
        # would come back: a restart quicker than the gap between requests proves nothing.
        wait_until(
            lambda: [o for o in load.snapshot() if not o.ok and o.ended >= restart_began],
            timeout=30,
            what="a request to fail while PostgreSQL is stopped",
            every=0.05,
        )
        stopped_for = time.monotonic() - restart_began
        private_cluster.ctl("start")
        restarted = time.monotonic()
        time.sleep(GRACE + WATCH_AFTER)  # the window watched, not a wait for something
    outcomes = load.outcomes

    assert scalar(db, "SELECT pg_postmaster_start_time()") > server_started
    during = [o for o in outcomes if o.ended >= restart_began and o.started <= restarted + GRACE]
    watched = [o for o in outcomes if o.started > restarted + GRACE]
    failed = [o for o in outcomes if not o.ok]
    # The restart hit the app (some requests failed), only while it lasted, and every
    # request since has succeeded.
    assert failed, "no request failed: the restart did not reach the app"
    # Each said so: "back in a moment" (503), not a server error (config/errors.py).
    assert {o.status for o in failed} == {503}, sorted(
        {o.status or o.error for o in failed}, key=str
    )
    assert all(o.ended >= restart_began and o.started <= restarted + GRACE for o in failed)
    assert len(watched) >= 20 and all(o.ok for o in watched), watched[:5]
    # Recovered by itself: the same gunicorn master and workers are serving.
    assert gunicorn.alive()
    assert gunicorn.children() == workers
    last_failure = max(o.ended for o in failed)
    first_good = min(o.ended for o in outcomes if o.ok and o.started >= last_failure)

    results.record(
        "3. PostgreSQL restarted under load",
        load=f"{len(PEOPLE)} signed-in people requesting {', '.join(PATHS)} in a loop",
        stopped_seconds=round(stopped_for, 2),
        stop_and_start_seconds=round(restarted - restart_began, 2),
        requests_during_restart=len(during),
        failed=len(failed),
        failure_kinds=sorted({o.status or o.error for o in failed}, key=str),
        failures_seen_between_seconds=(
            round(min(o.started for o in failed) - restart_began, 2),
            round(last_failure - restart_began, 2),
        ),
        seconds_from_restart_to_first_success_after_last_failure=round(
            first_good - restart_began, 2
        ),
        succeeded_after_recovery=f"{sum(o.ok for o in watched)}/{len(watched)} "
        f"in the {WATCH_AFTER:.0f} s watched",
        gunicorn_master_and_workers="same pids before and after",
    )
