"""One request at a time, no load: how long each bench page takes to build, and its
queries. For finding where time goes between `make bench` runs (the bench measures under
load; this isolates one request).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rollout_bench \\
        .venv/bin/python scripts/page_times.py [page ...]

Pages are the bench's labels' first words: reference, home, mine, board, heatmap, gate,
selection, notifications, progress. PROFILE=1 adds a cProfile listing per page."""

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 10


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "false")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from roles.models import User
    from rollout.models import Gate, Rollout

    rollout = Rollout.objects.get(name="scale rollout 0")
    gate = Gate.objects.get(rollout=rollout, key="select")
    r = f"/rollouts/{rollout.pk}"
    pages = {
        "reference": ("scale0", "/reference/"),
        "home": ("scale0", "/"),
        "mine": ("scale18", f"{r}/tasks/mine/"),
        "board": ("scale1", f"{r}/board/"),
        "heatmap": ("scale1", f"{r}/capacity/"),
        "gate": ("scale0", f"{r}/gates/{gate.pk}/"),
        "selection": ("scale13", f"{r}/selection/results/"),
        "notifications": ("scale18", "/notifications/"),
        "progress": ("scale0", f"{r}/progress/"),
    }
    for name in sys.argv[1:] or list(pages):
        username, path = pages[name]
        client = Client()
        client.force_login(User.objects.get(username=username))
        first = client.get(path)
        if first.status_code != 200:
            raise SystemExit(f"{name}: {path} answered {first.status_code}")
        started = time.perf_counter()
        for _ in range(REPEAT):
            client.get(path)
        ms = (time.perf_counter() - started) * 1000 / REPEAT
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        size = len(first.content)
        sys.stdout.write(f"{name:14} {ms:6.1f} ms  {len(queries):2} queries  {size:7,} bytes\n")
        if os.environ.get("PROFILE"):
            profile = cProfile.Profile()
            profile.enable()
            client.get(path)
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
