"""The app's real processes for the fault tests. Each runs in its own process group, so a
kill reaches its children too (a Celery worker's pool, gunicorn's workers); its output goes
to a log file; whatever is still running at the end of a test is killed."""

import contextlib
import os
import shutil
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.faults.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
# Teardown kills every process; this covers a pytest killed outright (a CI timeout), which
# never reaches teardown: each started process gets SIGKILL when pytest dies (util-linux).
SETPRIV = shutil.which("setpriv")
DIE_WITH_PYTEST = [SETPRIV, "--pdeathsig", "KILL", "--"] if SETPRIV else []
LOG_TAIL_LINES = 40


@dataclass
class Process:
    name: str
    popen: "subprocess.Popen[bytes]"
    log: Path

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def signal_group(self, sig: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError):  # already gone
            os.killpg(self.popen.pid, sig)

    def children(self) -> set[int]:
        """Direct children (a worker's pool processes, gunicorn's workers)."""
        found = set()
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(
                    line.split(":\t", 1)
                    for line in status.read_text().splitlines()
                    if ":\t" in line
                )
            except OSError:  # the process ended while we looked
                continue
            if fields.get("PPid", "").strip() == str(self.pid):
                found.add(int(status.parent.name))
        return found

    def wait_for_output(self, text: str, *, timeout: float) -> None:
        def seen() -> bool:
            if text in self.output():
                return True
            assert self.alive(), f"{self.name} exited ({self.popen.returncode}) before {text!r}"
            return False

        wait_until(seen, timeout=timeout, what=f"{self.name} to log {text!r}")


class Processes:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.started: list[Process] = []

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> Process:
        log = self.folder / f"{name}.log"
        assert not log.exists(), f"two processes named {name}"
        with log.open("wb") as out:
            popen = subprocess.Popen(
                [*DIE_WITH_PYTEST, *argv],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        process = Process(name, popen, log)
        self.started.append(process)
        return process

    def run(self, name: str, argv: list[str], env: dict[str, str], *, timeout: float) -> str:
        """Run to the end; fail unless it exits 0. Returns its output."""
        process = self.start(name, argv, env)
        try:
            code = process.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.signal_group(signal.SIGKILL)
            raise AssertionError(f"{name} still running after {timeout} s") from None
        assert code == 0, f"{name} exited {code}:\n{process.output()[-3000:]}"
        return process.output()

    def stop(self, process: Process, *, timeout: float = 20) -> None:
        """SIGTERM to the main process only, as a service manager stops it (Celery's warm
        shutdown lets running tasks finish; a pool process sent SIGTERM itself would die
        mid-task), then SIGKILL to the whole group if that hangs."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGTERM)
        try:
            process.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.signal_group(signal.SIGKILL)
            process.popen.wait(timeout=10)

    def kill_all(self) -> None:
        for process in self.started:
            process.signal_group(signal.SIGKILL)
        for process in self.started:
            with contextlib.suppress(subprocess.TimeoutExpired):  # stuck in the kernel; move on
                process.popen.wait(timeout=10)

    def diagnostics(self) -> str:
        parts = []
        for process in self.started:
            tail = process.output().splitlines()[-LOG_TAIL_LINES:]
            parts.append(
                f"--- {process.name} (pid {process.pid}), {process.log}\n" + "\n".join(tail)
            )
        return "\n".join(parts)
