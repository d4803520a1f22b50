"""One request at a time, no load: how long each of the bench's pages takes to build, and
its queries. For finding where time goes between `make bench` runs (the bench measures
under load; this isolates one request). The pages are bench.py's own.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rollout_bench \\
        .venv/bin/python scripts/page_times.py [word ...]

A word picks the pages whose bench label contains it (e.g. "board", "gate"); PROFILE=1
adds a cProfile listing per page."""

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import LOG_TASK, django_setup, pages, queries_per_request

REPEAT = 10


def main() -> int:
    os.environ.setdefault("DJANGO_DEBUG", "false")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    django_setup()
    from django.test import Client

    from roles.models import User

    wanted = sys.argv[1:]
    for label, username, path in pages():
        if label == LOG_TASK or (wanted and not any(w in label for w in wanted)):
            continue
        client = Client()
        client.force_login(User.objects.get(username=username))
        first = client.get(path)
        if first.status_code != 200:
            raise SystemExit(f"{label}: {path} answered {first.status_code}")
        started = time.perf_counter()
        for _ in range(REPEAT):
            client.get(path)
        ms = (time.perf_counter() - started) * 1000 / REPEAT
        queries = queries_per_request(username, path)
        size = len(first.content)
        sys.stdout.write(f"{label:32} {ms:6.1f} ms  {queries:2} queries  {size:7,} bytes\n")
        if os.environ.get("PROFILE"):
            profile = cProfile.Profile()
            profile.enable()
            client.get(path)
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
