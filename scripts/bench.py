"""`make bench`: each role's main pages under load, against a minimal reference page.

Runs gunicorn (2 workers) on the benchmark database built by seed_scale, drives each page
with wrk (8 connections on 127.0.0.1, for a fixed time), and prints requests per second,
p50 and p95 latency, queries per request and the ratio to the reference. "Log a task" is
a real POST (htmx, as the page sends it) that writes a 0.25 h entry on the member's own
tasks, on a different past day each time so no day fills up. Also times the dispatcher
over 100,000 due reminders (and counts its queries), an xlsx export of a rollout's tasks
and a gate's evidence pack, and the memory of a worker over 10,000 requests. Writes the
tables between the bench markers of docs/performance.md; the text around them is kept.

Without wrk (Debian: apt-get install wrk) a Python loader in threads drives the pages
instead; it takes CPU from the server, so its figures are lower, and the report says so."""

import http.cookiejar
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
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
    # The reference page answers only where the bench turns it on (config/reference.py).
    os.environ["ROLLOUT_REFERENCE_PAGE"] = "true"
    import django

    django.setup()


LOG_TASK = "log a task · member (POST)"
ADMIN_LIST = "Django admin's task list · administrator"
ADMIN = "scale-admin"  # made by seed_scale


def pages() -> list[tuple[str, str, str]]:
    """(label, username, path) for each role's main pages on scale rollout 0. The path of
    "log a task" is a template: {task} becomes one of the member's open tasks."""
    from gates.models import Gate
    from rollout.models import Rollout

    rollout = Rollout.objects.get(name="scale rollout 0")
    gate = Gate.objects.get(rollout=rollout, key="select")
    r = f"/rollouts/{rollout.pk}"
    return [
        ("reference (50 rows)", "scale0", "/reference/"),
        ("my work · executive", "scale0", "/"),
        ("my work · manager", "scale1", "/"),
        ("my work · member", "scale18", "/"),
        ("my work · seat", "scale13", "/"),
        ("my tasks · member", "scale18", f"{r}/tasks/mine/"),
        (LOG_TASK, "scale18", f"{r}/tasks/{{task}}/log/"),
        ("department board · manager", "scale1", f"{r}/board/"),
        ("staffing heatmap · manager", "scale1", f"{r}/capacity/"),
        ("gate evidence · executive", "scale0", f"{r}/gates/{gate.pk}/"),
        ("selection results · seat", "scale13", f"{r}/selection/results/"),
        ("notifications · member", "scale18", "/notifications/"),
        ("progress · executive", "scale0", f"{r}/progress/"),
        ("search · member", "scale18", f"{r}/search/?q=Task+12"),
        # Nothing matches: every task of the rollout is read for the substring (客户).
        ("search, Chinese · member", "scale18", f"{r}/search/?q=%E5%AE%A2%E6%88%B7"),
        ("board, filtered · manager", "scale1", f"{r}/board/?status=open&overdue=on&sort=due"),
        # A page every Django user knows, side by side: the admin's list of the same tasks.
        (ADMIN_LIST, ADMIN, f"/admin/work/task/?rollout__id__exact={rollout.pk}"),
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


WRK_DONE = """
function done(summary, latency, requests)
  io.write(string.format("BENCH %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), summary.errors.status))
end
"""

# Each wrk thread counts from its own offset, so two threads never log the same (task, day)
# pair at once; 680 past days of 0.25 h each keeps every day far below 24 hours.
WRK_POST = """
local counter = 0
local threads = 0
function setup(thread)
  thread:set("offset", threads * 100003)
  threads = threads + 1
end
function init(args)
  counter = offset or 0
end
function request()
  counter = counter + 1
  local task = tasks[(counter % #tasks) + 1]
  local day = os.date("!%Y-%m-%d", os.time() - 86400 * (1 + counter % 680))
  local path = string.gsub(post_path, "{task}", task)
  local body = "work_date=" .. day .. "&hours=0.25&progress=10&note=bench"
  local headers = {}
  for k, v in pairs(post_headers) do headers[k] = v end
  return wrk.format("POST", path, headers, body)
end
"""


def cookies_of(opener: urllib.request.OpenerDirector) -> dict[str, str]:
    for handler in getattr(opener, "handlers", []):  # not in the stubs
        if isinstance(handler, urllib.request.HTTPCookieProcessor):
            return {c.name: c.value or "" for c in handler.cookiejar}
    return {}


def wrk_load(
    opener: urllib.request.OpenerDirector, path: str, seconds: float, tasks: list[int] | None
) -> tuple[int, float, float, float, int]:
    """(requests, seconds, p50 ms, p95 ms, error responses) from one wrk run."""
    cookies = cookies_of(opener)
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    script = WRK_DONE
    if tasks:
        headers = {
            "Cookie": cookie,
            "X-CSRFToken": cookies.get("csrftoken", ""),
            "HX-Request": "true",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        lua_headers = ", ".join(f'["{k}"] = "{v}"' for k, v in headers.items())
        script += WRK_POST + (
            f"tasks = {{{', '.join(str(t) for t in tasks)}}}\n"
            f'post_path = "{path}"\n'
            f"post_headers = {{{lua_headers}}}\n"
        )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    command = ["wrk", "-t2", f"-c{CONCURRENCY}", f"-d{seconds:g}s", "--timeout", "10s"]
    command += ["-s", handle.name, "-H", f"Cookie: {cookie}", f"{BASE}{path}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    os.unlink(handle.name)
    line = next(x for x in out.splitlines() if x.startswith("BENCH "))
    requests, duration_us, p50_us, p95_us, errors = (int(x) for x in line.split()[1:])
    return requests, duration_us / 1e6, p50_us / 1000, p95_us / 1000, errors


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


def timed(label: str, action) -> tuple[str, float, int]:  # type: ignore[no-untyped-def]  # any callable
    """(label, ms, queries); savepoints of nested transactions are not counted."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        action()
        elapsed = (time.perf_counter() - started) * 1000
    return label, elapsed, len([q for q in captured if "SAVEPOINT" not in q["sql"]])


def other_timings() -> list[tuple[str, float, int]]:
    from django.db import transaction

    from core import exports
    from gates.models import Gate
    from gates.selectors.evidence_pack import evidence_pack
    from notifications.models import Reminder
    from notifications.services.reminders import DISPATCH_BATCH, reminders_dispatch
    from rollout.models import Rollout
    from work import export_rows

    rollout = Rollout.objects.get(name="scale rollout 0")
    due = Reminder.objects.filter(sent_at__isnull=True).count()
    results = []

    class Undo(Exception):
        pass

    try:
        with transaction.atomic():  # measured, then rolled back: the data stays due
            batches = -(-due // DISPATCH_BATCH)
            label = f"dispatcher, {due:,} due reminders ({batches} batches of {DISPATCH_BATCH})"
            results.append(timed(label, reminders_dispatch))
            raise Undo
    except Undo:
        pass
    results.append(
        timed(
            "xlsx export of a rollout's tasks",
            lambda: exports.as_xlsx(*export_rows.task_rows(rollout=rollout), "Tasks"),
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


def member_tasks(username: str, path: str) -> list[int]:
    """The member's tasks that still take logs, for "log a task"."""
    from work.models import Task

    rollout_pk = int(path.split("/")[2])
    return list(
        Task.objects.filter(rollout_id=rollout_pk, assignees__username=username)
        .exclude(status__in=[Task.Status.VERIFIED, Task.Status.CLAIMED])
        .values_list("pk", flat=True)[:20]
    )


def queries_per_post(username: str, path: str, task: int) -> int:
    """Queries of one "log a task" POST, rolled back afterwards."""
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from roles.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    data = {"work_date": "2024-01-02", "hours": "0.25", "progress": "10", "note": "bench"}

    class Undo(Exception):
        pass

    try:
        with transaction.atomic():
            with CaptureQueriesContext(connection) as captured:
                response = client.post(path.format(task=task), data, HTTP_HX_REQUEST="true")
            assert response.status_code == 200, response.status_code
            raise Undo
    except Undo:
        pass
    # The test client's own savepoint statements are not the view's.
    return len([q for q in captured if "SAVEPOINT" not in q["sql"]])


def measure(
    opener: urllib.request.OpenerDirector, path: str, tasks: list[int] | None
) -> tuple[float, float, float, int]:
    """(req/s, p50 ms, p95 ms, error responses) for one page."""
    if USE_WRK:
        wrk_load(opener, path, 1, tasks)  # warm-up
        requests, seconds, p50, p95, errors = wrk_load(opener, path, SECONDS, tasks)
        return requests / seconds, p50, p95, errors
    if tasks:
        raise SystemExit("log a task needs wrk (apt-get install wrk)")
    load(opener, path, 1)
    latencies = sorted(load(opener, path, SECONDS))
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    return len(latencies) / SECONDS, statistics.median(latencies), p95, 0


USE_WRK = shutil.which("wrk") is not None and os.environ.get("BENCH_LOADER") != "python"


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
            tasks = member_tasks(username, path) if label == LOG_TASK else None
            rps, p50, p95, errors = measure(opener, path, tasks)
            if errors:
                raise SystemExit(f"{label}: {errors} responses were errors")
            queries = (
                queries_per_post(username, path, tasks[0])
                if tasks
                else queries_per_request(username, path)
            )
            rows.append((label, rps, p50, p95, queries))
            print(
                f"{label:36} {rps:7.1f} req/s  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  {queries} queries",
                flush=True,
            )
        reference = rows[0][1]
        before = {pid: rss_kb(pid) for pid in worker_pids(server.pid)}
        opener = openers["scale18"]
        done = 0
        while done < MEMORY_REQUESTS:
            if USE_WRK:
                done += wrk_load(opener, "/", 5, None)[0]
            else:
                done += len(load(opener, "/", 1))
        after = {pid: rss_kb(pid) for pid in worker_pids(server.pid)}
        timings = other_timings()
    finally:
        server.terminate()
        server.wait(timeout=30)
    write_report(rows, reference, timings, before, after, done)
    return 0


BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def write_report(rows, reference, timings, before, after, requests) -> None:  # type: ignore[no-untyped-def]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    loader = "wrk (2 threads)" if USE_WRK else "a Python loader in threads (wrk not found)"
    lines = [
        BEGIN,
        f"Measured by `make bench` (scripts/bench.py) on {time.strftime('%Y-%m-%d')}, on the",
        "`seed_scale` company: 20 rollouts, 3,000 people, 60,000 tasks, 600,000 task logs,",
        "30,000 commitments, 100,000 reminders.",
        f"Machine: {os.cpu_count()} cores, {cpu}; PostgreSQL on the same machine; gunicorn with",
        f"2 workers; {loader}, {CONCURRENCY} connections on 127.0.0.1, {SECONDS:g} s a page.",
        "",
        "| page | req/s | p50 ms | p95 ms | queries | vs reference |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, rps, p50, p95, queries in rows:
        lines.append(
            f"| {label} | {rps:.1f} | {p50:.1f} | {p95:.1f} | {queries} | {rps / reference:.2f} |"
        )
    lines += ["", "| also timed | ms | queries |", "| --- | ---: | ---: |"]
    lines += [f"| {label} | {ms:.0f} | {queries} |" for label, ms, queries in timings]
    lines += ["", f"Worker memory over {requests:,} requests (RSS, kB):", ""]
    lines += [f"- worker {pid}: {before[pid]:,} → {after.get(pid, 0):,}" for pid in before]
    lines.append(END)
    table = "\n".join(lines)
    target = ROOT / "docs" / "performance.md"
    text = target.read_text() if target.exists() else "# Performance\n\n" + BEGIN + END + "\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + table + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + table + "\n"
    target.write_text(text)
    print(table)


if __name__ == "__main__":
    raise SystemExit(main())
