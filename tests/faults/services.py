"""Private Redis and PostgreSQL servers for the fault tests, so stopping or restarting one
never touches the shared servers on 6379 and 5432 that the main suite uses."""

import os
import re
import shutil
import socket
import subprocess
from pathlib import Path

import redis

from tests.faults.processes import Process, Processes
from tests.faults.waiting import wait_until

# Names carry the pid of the pytest run that made them, so a later run can tell a leftover
# of a killed run (drop it) from one in use by a run still going (leave it).
PREFIX = "rollout_faults_"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def run_owned_by_a_dead_process(name: str) -> bool:
    match = re.match(rf"{PREFIX}(\d+)", name)
    if not match:
        return False
    try:
        os.kill(int(match.group(1)), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def required_tool(name: str, package: str) -> str:
    """Missing tools fail the run: a fault test skipped would prove nothing."""
    path = shutil.which(name)
    assert path, f"{name} is not installed; the fault tests need it (apt-get install {package})"
    return path


class PrivateRedis:
    """redis-server on a port of its own, nothing persisted: a stop loses every queued
    message, which the outbox must survive."""

    def __init__(self, processes: Processes, folder: Path) -> None:
        self.binary = required_tool("redis-server", "redis-server")
        self.processes = processes
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.server: Process | None = None
        self.runs = 0

    def start(self) -> None:
        self.runs += 1
        argv = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
        argv += ["--save", "", "--appendonly", "no", "--dir", str(self.folder)]
        self.server = self.processes.start(f"redis-{self.runs}", argv, dict(os.environ))
        wait_until(self.answers, timeout=15, what=f"redis-server on {self.port}")

    def stop(self) -> None:
        assert self.server is not None
        self.processes.stop(self.server)
        assert not self.answers(), "Redis still answers after being stopped"

    def answers(self) -> bool:
        try:
            return bool(redis.Redis(port=self.port, socket_timeout=1).ping())
        except redis.RedisError:
            return False


def postgres_version() -> str:
    """The newest PostgreSQL server installed (Debian keeps each under /usr/lib/postgresql)."""
    versions = [p.parent.parent.name for p in Path("/usr/lib/postgresql").glob("*/bin/postgres")]
    assert versions, "no PostgreSQL server under /usr/lib/postgresql"
    return max(versions, key=float)


class PrivateCluster:
    """A PostgreSQL cluster of its own (Debian's pg_createcluster), trust auth on 127.0.0.1."""

    def __init__(self) -> None:
        self.tools = {
            tool: required_tool(tool, "postgresql")
            for tool in ("pg_createcluster", "pg_ctlcluster", "pg_dropcluster", "pg_lsclusters")
        }
        self.version = postgres_version()
        self.name = f"{PREFIX}{os.getpid()}"
        self.port = free_port()
        self.server_url = f"postgres://postgres@127.0.0.1:{self.port}"

    def create(self) -> None:
        self._drop_leftovers()
        # Trust, as on the shared server: the tests and the app connect as postgres.
        trust = ["--auth-local=trust", "--auth-host=trust"]
        create = [self.tools["pg_createcluster"], self.version, self.name, "--port", str(self.port)]
        self._run(*create, "--", *trust)
        self.ctl("start")

    def ctl(self, action: str) -> None:
        # --skip-systemctl-redirect: CI has no systemd; pg_ctlcluster then runs pg_ctl itself.
        self._run(
            self.tools["pg_ctlcluster"],
            "--skip-systemctl-redirect",
            self.version,
            self.name,
            action,
        )

    def drop(self) -> None:
        subprocess.run(
            [self.tools["pg_dropcluster"], "--stop", self.version, self.name],
            capture_output=True,
            timeout=60,
        )

    def log(self) -> str:
        path = Path(f"/var/log/postgresql/postgresql-{self.version}-{self.name}.log")
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def diagnostics(self) -> str:
        return f"--- PostgreSQL cluster {self.version}/{self.name} log\n{self.log()}"

    def _drop_leftovers(self) -> None:
        listed = self._run(self.tools["pg_lsclusters"], "--no-header")
        for line in listed.splitlines():
            version, name = line.split()[:2]
            if run_owned_by_a_dead_process(name) or name == self.name:
                drop = [self.tools["pg_dropcluster"], "--stop", version, name]
                subprocess.run(drop, capture_output=True, timeout=60)

    @staticmethod
    def _run(*argv: str) -> str:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"{' '.join(argv)}: {done.stdout}{done.stderr}"
        return done.stdout
