"""The established pieces in front of the app, as the cluster test runs them on loopback:
PgBouncer (transaction pooling) in front of PostgreSQL, HAProxy (round robin, health
checks on /healthz) in front of the gunicorn nodes. Debian's packages, generated configs."""

import csv
import os
import shutil
import socket
import tempfile
from pathlib import Path

import psycopg2  # type: ignore[import-untyped]  # no stubs among the dev packages

from tests.faults.processes import ROOT, Process, Processes
from tests.faults.services import free_port, required_tool
from tests.faults.waiting import wait_until

# PgBouncer refuses to run as root; CI runs as root, so there it runs as Debian's postgres.
PGBOUNCER_USER = "postgres"


def debian_tool(name: str) -> str:
    """A daemon from a Debian package: in /usr/sbin, which a user's PATH may leave out."""
    path = shutil.which(name) or str(Path("/usr/sbin") / name)
    assert os.access(path, os.X_OK), f"{name} is not installed; apt-get install {name}"
    return path


class PgBouncer:
    """PgBouncer on a port of its own, transaction pooling, every database of the shared
    PostgreSQL server reachable through it (trust, as the server itself on 127.0.0.1)."""

    def __init__(self, processes: Processes, *, server_host: str, server_port: int) -> None:
        self.binary = debian_tool("pgbouncer")
        self.processes = processes
        self.server_host, self.server_port = server_host, server_port
        self.port = free_port()
        # Not under pytest's tmp_path: that is private to root, and PgBouncer runs as
        # postgres when the tests run as root. Nothing secret is written here.
        self.folder = Path(tempfile.mkdtemp(prefix="rollout-pgbouncer-"))
        self.folder.chmod(0o755)
        self.process: Process | None = None

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        users = self.folder / "userlist.txt"
        users.write_text('"postgres" ""\n')
        config = self.folder / "pgbouncer.ini"
        config.write_text(
            "\n".join(
                [
                    "[databases]",
                    f"* = host={self.server_host} port={self.server_port}",
                    "[pgbouncer]",
                    "listen_addr = 127.0.0.1",
                    f"listen_port = {self.port}",
                    "unix_socket_dir =",
                    "auth_type = trust",
                    f"auth_file = {users}",
                    "admin_users = postgres",
                    "pool_mode = transaction",
                    "max_client_conn = 300",
                    # Server connections per database: fewer than the app's processes hold
                    # (2 nodes x 2 gunicorn workers, 2 workers' pools, beat, the tests), so
                    # the pooling is really exercised.
                    "default_pool_size = 6",
                    "reserve_pool_size = 0",
                    "ignore_startup_parameters = extra_float_digits",
                    "",
                ]
            )
        )
        for path in (users, config):
            path.chmod(0o644)
        argv = [self.binary, str(config)]
        if os.geteuid() == 0:
            setpriv = required_tool("setpriv", "util-linux")
            as_user = [f"--reuid={PGBOUNCER_USER}", f"--regid={PGBOUNCER_USER}", "--init-groups"]
            argv = [setpriv, *as_user, "--pdeathsig", "KILL", "--", *argv]
        self.process = self.processes.start("pgbouncer", argv, dict(os.environ))
        wait_until(self.answers, timeout=15, what=f"PgBouncer on {self.port}")

    def answers(self) -> bool:
        try:
            self.show("VERSION")
        except psycopg2.Error:
            return False
        return True

    def show(self, what: str) -> list[dict[str, object]]:
        """A SHOW command of PgBouncer's admin console, as a list of rows."""
        connection = psycopg2.connect(self.url("pgbouncer"), connect_timeout=2)
        try:
            connection.autocommit = True  # the console knows no transactions
            with connection.cursor() as cursor:
                cursor.execute(f"SHOW {what}")
                names = [column.name for column in cursor.description]
                return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        finally:
            connection.close()

    def connections(self, database: str) -> dict[str, int]:
        """The app's connections to PgBouncer for `database` right now, and PgBouncer's own
        to PostgreSQL, which the clients share."""
        pools = [pool for pool in self.show("POOLS") if pool["database"] == database]

        def total(*states: str) -> int:
            return sum(int(str(pool[state])) for pool in pools for state in states)

        return {
            "clients": total("cl_active", "cl_waiting"),
            "servers": total("sv_active", "sv_idle", "sv_used", "sv_tested", "sv_login"),
        }

    def cleanup(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class HAProxy:
    """HAProxy in front of the nodes, as config/haproxy.cfg sets it up: round robin, no
    stickiness, a node taken out after two failed checks of /healthz. Each answer names
    the node that served it (X-Served-By), and the admin socket tells each node's state."""

    HEADER = "X-Served-By"

    def __init__(self, processes: Processes, folder: Path, nodes: dict[str, int]) -> None:
        self.binary = debian_tool("haproxy")
        self.processes = processes
        self.folder = folder
        self.nodes = nodes
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.socket = folder / "haproxy.sock"
        self.path = folder / "haproxy.cfg"
        self.process: Process | None = None

    def config(self) -> str:
        """config/haproxy.cfg, the file `docker compose --profile scale` runs, with this
        run's loopback addresses: the balancing under test is the one that ships."""
        shipped = (ROOT / "config" / "haproxy.cfg").read_text().splitlines()
        lines = []
        in_resolvers = False
        for line in shipped:
            words = line.split()
            if words[:1] == ["resolvers"]:
                in_resolvers = True  # Compose's DNS: not here
                continue
            if in_resolvers and words and line.startswith(" "):
                continue
            in_resolvers = False
            if words[:1] == ["server"]:
                continue
            if words[:1] == ["bind"]:
                line = f"    bind 127.0.0.1:{self.port}"
            lines.append(line)
            if words == ["global"]:
                lines.append(f"    stats socket {self.socket} mode 600 level admin")
        sections = [line for line in lines if line[:1].isalpha()]
        assert sections[-1] == "backend nodes", "the servers go at the end: backend nodes last"
        servers = [f"    server {name} 127.0.0.1:{port}" for name, port in self.nodes.items()]
        return "\n".join([*lines, *servers, ""])

    def check(self) -> None:
        """Writes the configuration and has HAProxy check it."""
        self.path.write_text(self.config())
        check = [self.binary, "-c", "-f", str(self.path)]
        self.processes.run("haproxy-check", check, dict(os.environ), timeout=30)

    def start(self) -> None:
        self.process = self.processes.start(
            "haproxy", [self.binary, "-db", "-f", str(self.path)], dict(os.environ)
        )
        wait_until(lambda: self.socket.exists(), timeout=15, what="HAProxy's admin socket")

    def command(self, text: str) -> str:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(5)
            s.connect(str(self.socket))
            s.sendall(text.encode() + b"\n")
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def stats(self) -> dict[str, dict[str, str]]:
        """`show stat` for each node of the backend: status (UP, DOWN, ...), stot (requests
        sent to it), chkfail, lastchg and the rest of HAProxy's CSV columns."""
        text = self.command("show stat").lstrip("# ")
        rows = csv.DictReader(text.splitlines())
        return {
            row["svname"]: row
            for row in rows
            if row["pxname"] == "nodes" and row["svname"] in self.nodes
        }

    def status(self, node: str) -> str:
        return self.stats()[node]["status"]

    def served(self) -> dict[str, int]:
        return {name: int(row["stot"]) for name, row in self.stats().items()}

    def counters(self, node: str) -> dict[str, int]:
        """A node's retries (wretr) and requests sent on to the other node (wredis)."""
        row = self.stats()[node]
        return {"retried": int(row["wretr"] or 0), "redispatched": int(row["wredis"] or 0)}
