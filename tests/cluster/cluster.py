"""A Rollout cluster on one machine, all on loopback: PostgreSQL (the shared server, a
database of the run's own) behind PgBouncer in transaction pooling mode, a private Redis
(cache and broker), moto's S3 server for the files (STORAGE_URL), two gunicorn nodes behind
HAProxy, two Celery workers and one beat. The app runs with the same commands and settings
as the fault tests (tests/faults/app.py), plus the settings a second node, the pooler and
the object storage need. Each node and worker has a MEDIA_ROOT of its own that must stay
empty: a file written to the local disk instead of the bucket would be found there."""

import os
import re
import secrets
import signal
import time
from pathlib import Path
from urllib.parse import urlsplit

from demo.data import DEMO_PASSWORD
from demo.keys import demo_rollout_name
from tests.cluster.servers import HAProxy, PgBouncer
from tests.cluster.web import NodeBrowser
from tests.faults import app
from tests.faults.database import drop_database, rows, scalar, shared_server_url
from tests.faults.processes import Process, Processes
from tests.faults.services import PrivateRedis, free_port
from tests.faults.waiting import wait_until
from tests.faults.web import wait_for_http
from tests.s3_server import KEYS, S3Server, answers, moto_command

NODES = ("a", "b")
WORKERS = ("w1", "w2")
GUNICORN_WORKERS = 2
BEAT_SENT = "Sending due task dispatch-reminders"


def database_name() -> str:
    """<the shared test database's name>_cluster_<pid>: next to the database CI (or the
    person running the tests) named in DATABASE_URL, and a leftover of a killed run is told
    by its dead pid."""
    base = urlsplit(os.environ.get("DATABASE_URL", "")).path.strip("/") or "rollout"
    return f"{base}_cluster_{os.getpid()}"


def drop_leftovers(server: str, name: str) -> None:
    prefix = name.rsplit("_", 1)[0] + "_"
    for (leftover,) in rows(server + "/postgres", "SELECT datname FROM pg_database"):
        match = re.fullmatch(rf"{re.escape(prefix)}(\d+)", leftover)
        if match and not Path(f"/proc/{match.group(1)}").exists():
            drop_database(server, leftover)


class Cluster:
    def __init__(self, processes: Processes, folder: Path) -> None:
        self.processes = processes
        self.folder = folder
        self.server = shared_server_url()
        self.database = database_name()
        # The tests read and check the database directly; the app only through PgBouncer.
        self.db_url = f"{self.server}/{self.database}"
        parts = urlsplit(self.server)
        self.pgbouncer = PgBouncer(
            processes, server_host=parts.hostname or "127.0.0.1", server_port=parts.port or 5432
        )
        self.redis = PrivateRedis(processes, folder)
        self.s3_port = free_port()
        self.s3 = S3Server(f"http://127.0.0.1:{self.s3_port}")
        self.bucket = ""
        self.ports = {name: free_port() for name in NODES}
        self.haproxy = HAProxy(processes, folder, self.ports)
        self.nodes: dict[str, Process] = {}
        self.workers: dict[str, Process] = {}
        self.beats: list[Process] = []
        self._runs: dict[str, int] = {}
        self.env: dict[str, str] = {}

    # --- starting ------------------------------------------------------------------------
    def start(self) -> None:
        self.haproxy.check()
        drop_leftovers(self.server, self.database)
        rows(self.server + "/postgres", f'CREATE DATABASE "{self.database}"')
        self.pgbouncer.start()
        self.redis.start()
        self.start_s3()
        self.env = app.app_env(
            self.folder,
            database_url=self.pgbouncer.url(self.database),
            broker_url=self.redis.url,
            dispatch_every=1,
        )
        self.env.update(
            DJANGO_DATABASE_POOLER="transaction",
            # One key for every node: a session or CSRF token made on one is good on another.
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            # HAProxy adds the client's address to X-Forwarded-For (sign-in lockouts).
            AXES_PROXY_COUNT="1",
            ROLLOUT_BEAT_HEARTBEAT_FILE=str(self.folder / "beat-heartbeat"),
            # Evidence files and briefs in the bucket, as the Compose profile's .env sets it.
            STORAGE_URL=self.s3.storage_url(self.bucket),
            **KEYS,
        )
        # The schema and the demo through PgBouncer too: migrations under transaction pooling.
        self.processes.run("migrate", app.manage("migrate", "--noinput"), self.env, timeout=300)
        self.processes.run("seed", app.manage("seed_demo"), self.env, timeout=300)
        for name in NODES:
            self.start_node(name)
        for name in WORKERS:
            self.start_worker(name)
        self.start_beat()
        self.haproxy.start()
        for name in NODES:
            wait_for_http(self.node_url(name) + "/healthz", timeout=90)
        for worker in self.workers.values():
            worker.wait_for_output(" ready.", timeout=90)
        self.beats[0].wait_for_output(BEAT_SENT, timeout=90)
        self.wait_until_in_service(*NODES)

    def start_s3(self) -> None:
        s3 = self.processes.start("s3", moto_command(self.s3_port), dict(os.environ))

        def up() -> bool:
            assert s3.alive(), f"moto's S3 server exited: {s3.output()[-2000:]}"
            return answers(self.s3_port)

        wait_until(up, timeout=60, what="moto's S3 server")
        self.bucket = self.s3.bucket()

    def media_root(self, process: str) -> Path:
        """The MEDIA_ROOT of one node or worker (node-a, worker-w1): made empty, and kept
        empty while STORAGE_URL names the bucket."""
        root = self.folder / f"media-{process}"
        root.mkdir(exist_ok=True)
        return root

    def _own_media(self, process: str) -> dict[str, str]:
        return {**self.env, "DJANGO_MEDIA_ROOT": str(self.media_root(process))}

    def _name(self, role: str) -> str:
        self._runs[role] = self._runs.get(role, 0) + 1
        return f"{role}-{self._runs[role]}"

    def start_node(self, name: str) -> Process:
        argv = app.gunicorn(self.ports[name], workers=GUNICORN_WORKERS)
        env = self._own_media(f"node-{name}")
        self.nodes[name] = self.processes.start(self._name(f"node-{name}"), argv, env)
        return self.nodes[name]

    def start_worker(self, name: str) -> Process:
        process_name = self._name(f"worker-{name}")
        argv = app.worker(process_name, concurrency=1)
        env = self._own_media(f"worker-{name}")
        self.workers[name] = self.processes.start(process_name, argv, env)
        return self.workers[name]

    def start_beat(self) -> Process:
        name = self._name("beat")
        beat = self.processes.start(name, app.beat(self.folder / f"{name}-schedule"), self.env)
        self.beats.append(beat)
        return beat

    def stop_beat(self, beat: Process) -> None:
        self.processes.stop(beat)
        self.beats.remove(beat)

    # --- state ---------------------------------------------------------------------------
    def node_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    def in_service(self) -> set[str]:
        return {name for name, row in self.haproxy.stats().items() if row["status"] == "UP"}

    def wait_until_in_service(self, *names: str, timeout: float = 60) -> None:
        wait_until(
            lambda: set(names) <= self.in_service(),
            timeout=timeout,
            what=f"HAProxy to put {names} in service",
            every=0.05,
        )

    def kill(self, process: Process) -> float:
        """SIGKILL to the process and its children; returns when it was sent."""
        sent = time.monotonic()
        process.signal_group(signal.SIGKILL)
        process.popen.wait(timeout=10)
        return sent

    def heal(self) -> None:
        """What a scenario broke is started again: every node serving, both workers ready,
        exactly one beat."""
        restarted_workers = []
        for name in NODES:
            if not self.nodes[name].alive():
                self.start_node(name)
        for name, worker in self.workers.items():
            if not worker.alive():
                restarted_workers.append(self.start_worker(name))
        while len(self.beats) > 1:
            self.stop_beat(self.beats[-1])
        if not self.beats or not self.beats[0].alive():
            self.beats.clear()
            self.start_beat()
        for worker in restarted_workers:
            worker.wait_for_output(" ready.", timeout=90)
        self.wait_until_in_service(*NODES)

    # --- the demo ------------------------------------------------------------------------
    def crm(self) -> int:
        return int(
            scalar(
                self.db_url,
                "SELECT id FROM rollout_rollout WHERE name = %(name)s",
                {"name": demo_rollout_name("crm")},
            )
        )

    def members_with_a_task(self, count: int) -> list[tuple[str, int]]:
        """(username, task id): people of the demo's CRM rollout, each with a task assigned
        to them that still takes logs; one task per person, so no two share a lock."""
        found = rows(
            self.db_url,
            """
            SELECT DISTINCT ON (u.id) u.username, t.id
            FROM rollout_task t
            JOIN rollout_task_assignees a ON a.task_id = t.id
            JOIN roles_user u ON u.id = a.user_id
            WHERE t.rollout_id = %(rollout)s AND u.is_active
              AND t.status IN ('open', 'in_progress', 'sent_back')
            ORDER BY u.id, t.id
            """,
            {"rollout": self.crm()},
        )
        assert len(found) >= count, f"the demo has {len(found)} people with a task to log"
        return [(str(username), int(task)) for username, task in found[:count]]

    def signed_in(self, base_url: str, username: str) -> NodeBrowser:
        browser = NodeBrowser(base_url)
        browser.sign_in(username, DEMO_PASSWORD)
        return browser

    # --- the end -------------------------------------------------------------------------
    def diagnostics(self) -> str:
        return self.processes.diagnostics()

    def teardown(self) -> None:
        self.processes.kill_all()
        self.pgbouncer.cleanup()
        drop_database(self.server, self.database)
