"""Real page requests through HAProxy while something breaks: each signed-in member, in a
thread of their own, reads a page and then logs a quarter hour on their task, in a loop.
Every save carries a marker of its own in its note, so the database tells how many times
each was applied. A save is retried only when the connection was refused (nothing was sent,
so nothing can have been applied); any other failure is recorded and never sent again."""

import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from tests.cluster.web import NodeBrowser
from tests.faults.database import rows
from tests.faults.loops import Loops

MARKER = "cluster-save:"
CONNECTION_REFUSED_RETRIES = 5


@dataclass(frozen=True)
class Outcome:
    kind: str  # "page" or "save"
    started: float  # time.monotonic()
    ended: float
    status: int  # 0: no HTTP answer at all
    node: str  # HAProxy's X-Served-By
    error: str = ""
    marker: str = ""  # a save's

    @property
    def ok(self) -> bool:
        return self.status == (200 if self.kind == "page" else 302)


@dataclass(frozen=True)
class Member:
    browser: NodeBrowser
    rollout: int
    task: int

    def pages(self) -> list[str]:
        r = f"/rollouts/{self.rollout}"
        return ["/", f"{r}/tasks/mine/", f"{r}/tasks/{self.task}/"]


class SaveLoad(Loops):
    def __init__(self, members: list[Member], *, label: str) -> None:
        self.label = label
        self.outcomes: list[Outcome] = []
        self.refused_and_retried = 0
        super().__init__(self._run, [(member, n) for n, member in enumerate(members)])

    def snapshot(self) -> list[Outcome]:
        with self._lock:
            return list(self.outcomes)

    def _record(self, outcome: Outcome) -> None:
        with self._lock:
            self.outcomes.append(outcome)

    def _run(self, member: Member, thread: int) -> None:
        browser, n = member.browser, 0
        pages = member.pages()
        while not self._stop.is_set():
            self._record(self._request("page", browser, pages[n % len(pages)]))
            marker = f"{MARKER}{self.label}:{thread}:{n}:{uuid.uuid4().hex[:8]}"
            # A day takes at most 24 hours of logs: a quarter hour on a different past day
            # each time stays far below that.
            day = date.today() - timedelta(days=1 + n % 300)
            fields = {"work_date": str(day), "hours": "0.25", "progress": "10", "note": marker}
            path = f"/rollouts/{member.rollout}/tasks/{member.task}/log/"
            self._record(self._request("save", browser, path, fields, marker))
            n += 1

    def _request(
        self,
        kind: str,
        browser: NodeBrowser,
        path: str,
        fields: dict[str, str] | None = None,
        marker: str = "",
    ) -> Outcome:
        started = time.monotonic()
        for _attempt in range(CONNECTION_REFUSED_RETRIES):
            try:
                if fields is None:
                    answer = browser.get(path, timeout=15)
                else:
                    answer = browser.post(path, fields, timeout=15)
            except OSError as problem:
                # urllib wraps what went wrong while connecting and sending in URLError.
                reason = getattr(problem, "reason", problem)
                if isinstance(reason, ConnectionRefusedError):
                    with self._lock:
                        self.refused_and_retried += 1
                    continue
                # Reset, closed or timed out once the request may have gone: never again.
                error = type(reason).__name__
                return Outcome(kind, started, time.monotonic(), 0, browser.served_by, error, marker)
            if kind == "save" and answer.status == 302 and "login" in answer.location:
                return Outcome(kind, started, time.monotonic(), 0, "", "signed out", marker)
            return Outcome(
                kind, started, time.monotonic(), answer.status, browser.served_by, "", marker
            )
        return Outcome(kind, started, time.monotonic(), 0, "", "refused", marker)


def applied(db_url: str, label: str) -> Counter[str]:
    """How many log rows carry each marker of the load `label`."""
    found = rows(
        db_url,
        "SELECT note, count(*) FROM rollout_tasklog WHERE note LIKE %(like)s GROUP BY note",
        {"like": f"{MARKER}{label}:%"},
    )
    return Counter({str(note): int(n) for note, n in found})


@dataclass(frozen=True)
class Saves:
    """What the database holds for a load's saves, against what the client was told."""

    succeeded: int  # answered 302 to the page it came from
    failed: int  # any other answer, or none
    succeeded_not_applied: list[str]  # lost saves
    applied_twice: list[str]
    failed_but_applied: int  # a save whose answer was lost on the way (applied once)
    applied_without_a_request: list[str]

    @property
    def exactly_once(self) -> bool:
        return not (
            self.succeeded_not_applied or self.applied_twice or self.applied_without_a_request
        )


def saves(db_url: str, load: SaveLoad) -> Saves:
    counts = applied(db_url, load.label)
    outcomes = [o for o in load.snapshot() if o.kind == "save"]
    sent = {o.marker for o in outcomes}
    good = [o.marker for o in outcomes if o.ok]
    bad = [o.marker for o in outcomes if not o.ok]
    return Saves(
        succeeded=len(good),
        failed=len(bad),
        succeeded_not_applied=[m for m in good if counts[m] != 1],
        applied_twice=[m for m, n in counts.items() if n > 1],
        failed_but_applied=sum(1 for m in bad if counts[m] == 1),
        applied_without_a_request=[m for m in counts if m not in sent],
    )
