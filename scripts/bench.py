"""`make bench`: each role's main pages under load, against a minimal reference page.

Runs gunicorn (2 workers) on the benchmark database built by seed_scale, drives each page
with 8 concurrent connections on 127.0.0.1 for a fixed time, and prints requests per
second, p50 and p95 latency, queries per request and the ratio to the reference. Also
times the dispatcher over 100,000 due reminders, an xlsx export of a rollout's tasks and
a gate's evidence pack, and the memory of a worker over 10,000 requests. Writes the table
to docs/performance.md."""

import http.cookiejar
import os
import platform
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
CONCURRENCY = 8
SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))
MEMORY_REQUESTS = int(os.environ.get("BENCH_MEMORY_REQUESTS", "10000"))
PASSWORD = "rollout-bench"


def django_setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def pages() -> list[tuple[str, str, str]]:
    """(label, username, path) for each role's main pages on scale rollout 0."""
    from rollout.models import Gate, Rollout

    rollout = Rollout.objects.get(name="scale rollout 0")
    gate = Gate.objects.get(rollout=rollout, key="select")
    r = f"/rollouts/{rollout.pk}"
    return [
        ("reference (50 rows)", "scale0", "/reference/"),
        ("home · executive", "scale0", "/"),
        ("home · member", "scale18", "/"),
        ("my tasks · member", "scale18", f"{r}/tasks/mine/"),
        ("department board · manager", "scale1", f"{r}/board/"),
        ("staffing heatmap · manager", "scale1", f"{r}/capacity/"),
        ("gate evidence · executive", "scale0", f"{r}/gates/{gate.pk}/"),
        ("selection results · seat", "scale13", f"{r}/selection/results/"),
        ("notifications · member", "scale18", "/notifications/"),
        ("progress · executive", "scale0", f"{r}/progress/"),
    ]


def login(username: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{BASE}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no CSRF token on the login page"
    data = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    ).encode()
    opener.open(urllib.request.Request(f"{BASE}/accounts/login/", data, headers={"Referer": BASE}))
    return opener


def load(opener: urllib.request.OpenerDirector, path: str, seconds: float) -> list[float]:
    """CONCURRENCY threads requesting `path` for `seconds`; every latency in ms."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker() -> None:
        mine = []
        while time.monotonic() < stop:
            started = time.perf_counter()
            with opener.open(f"{BASE}{path}") as response:
                response.read()
                assert response.status == 200, (path, response.status)
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies


def queries_per_request(username: str, path: str) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from roles.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return len(captured)


def timed(label: str, action) -> tuple[str, float]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    action()
    return label, (time.perf_counter() - started) * 1000


def other_timings() -> list[tuple[str, float]]:
    from django.db import transaction

    from roles.models import Reminder
    from roles.services.reminders import reminders_dispatch
    from rollout import exports
    from rollout.models import Gate, Rollout
    from rollout.selectors.evidence import evidence_pack

    rollout = Rollout.objects.get(name="scale rollout 0")
    due = Reminder.objects.filter(sent_at__isnull=True).count()
    results = []

    class Undo(Exception):
        pass

    try:
        with transaction.atomic():  # measured, then rolled back: the data stays due
            results.append(timed(f"dispatcher, {due:,} due reminders", reminders_dispatch))
            raise Undo
    except Undo:
        pass
    results.append(
        timed(
            "xlsx export of a rollout's tasks",
            lambda: exports.as_xlsx(*exports.task_rows(rollout=rollout), "Tasks"),
        )
    )
    gate = Gate.objects.get(rollout=rollout, key="select")
    results.append(timed("a gate's evidence pack", lambda: evidence_pack(gate=gate)))
    return results


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def worker_pids(master: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def main() -> int:
    django_setup()
    env = {**os.environ, "DJANGO_DEBUG": "false", "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost"}
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi:application",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"{BASE}/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.5)
        rows = []
        openers: dict[str, urllib.request.OpenerDirector] = {}
        for label, username, path in pages():
            opener = openers.setdefault(username, login(username))
            load(opener, path, 1)  # warm-up
            latencies = sorted(load(opener, path, SECONDS))
            rps = len(latencies) / SECONDS
            p50 = statistics.median(latencies)
            p95 = latencies[int(len(latencies) * 0.95) - 1]
            rows.append((label, rps, p50, p95, queries_per_request(username, path)))
            print(
                f"{label:32} {rps:7.1f} req/s  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  {rows[-1][4]} queries",
                flush=True,
            )
        reference = rows[0][1]
        before = {pid: rss_kb(pid) for pid in worker_pids(server.pid)}
        opener = openers["scale18"]
        done = 0
        while done < MEMORY_REQUESTS:
            load_start = len(load(opener, "/", 1))
            done += load_start
        after = {pid: rss_kb(pid) for pid in worker_pids(server.pid)}
        timings = other_timings()
    finally:
        server.terminate()
        server.wait(timeout=30)
    write_report(rows, reference, timings, before, after, done)
    return 0


def write_report(rows, reference, timings, before, after, requests) -> None:  # type: ignore[no-untyped-def]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    lines = [
        "# Performance",
        "",
        "Measured by `make bench` (scripts/bench.py) on the `seed_scale` company: 20 rollouts,",
        "3,000 people, 60,000 tasks, 600,000 task logs, 30,000 commitments, 100,000 reminders.",
        f"Machine: {os.cpu_count()} cores, {cpu}; PostgreSQL on the same machine; gunicorn with",
        f"2 workers; {CONCURRENCY} concurrent connections on 127.0.0.1 for {SECONDS:g} s a page.",
        "",
        "| page | req/s | p50 ms | p95 ms | queries | vs reference |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, rps, p50, p95, queries in rows:
        lines.append(
            f"| {label} | {rps:.1f} | {p50:.1f} | {p95:.1f} | {queries} | {rps / reference:.2f} |"
        )
    lines += ["", "| also timed | ms |", "| --- | ---: |"]
    lines += [f"| {label} | {ms:.0f} |" for label, ms in timings]
    lines += ["", f"Worker memory over {requests:,} requests (RSS, kB):", ""]
    lines += [f"- worker {pid}: {before[pid]:,} → {after.get(pid, 0):,}" for pid in before]
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "performance.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    raise SystemExit(main())
