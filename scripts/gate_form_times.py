"""One request at a time: the gate pages with and without the decision form, and the
selection results, on scale rollout 0, with the fastest and the median time of N requests
(a busy machine makes the median noisy; the fastest is the page's own cost), the queries,
the options written and the size. page_times.py's gate page is the selection gate, which
is not open on seed_scale, so it shows the criterion form only; the adopt gate is open,
so the executive also gets the decision form with its person and task selects.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rollout_bench \\
        N=30 .venv/bin/python scripts/gate_form_times.py"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import django_setup, queries_per_request


def main() -> int:
    os.environ.setdefault("DJANGO_DEBUG", "false")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    django_setup()
    from django.test import Client

    from gates.models import Gate
    from roles.models import User
    from rollout.models import Rollout

    rollout = Rollout.objects.get(name="scale rollout 0")
    r = f"/rollouts/{rollout.pk}"
    gate = {g.key: g.pk for g in Gate.objects.filter(rollout=rollout)}
    pages = [
        ("gate adopt (open, decision form)", "scale0", f"{r}/gates/{gate['adopt']}/"),
        ("gate select (page_times' gate)", "scale0", f"{r}/gates/{gate['select']}/"),
        ("selection results · seat", "scale13", f"{r}/selection/results/"),
    ]
    repeat = int(os.environ.get("N", "30"))
    for label, username, path in pages:
        client = Client()
        client.force_login(User.objects.get(username=username))
        first = client.get(path)
        if first.status_code != 200:
            raise SystemExit(f"{label}: {path} answered {first.status_code}")
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        queries = queries_per_request(username, path)
        options = first.content.count(b"<option")
        sys.stdout.write(
            f"{label:34} min {times[0]:6.1f}  median {times[repeat // 2]:6.1f} ms  "
            f"{queries:2} queries  {options:5} options  {len(first.content):7,} bytes\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
