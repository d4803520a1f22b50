"""Steady load on the app under test: a few signed-in people requesting pages in a loop,
each request's start, end and outcome kept for later reading."""

import time
from dataclasses import dataclass

from tests.faults.loops import Loops
from tests.faults.web import Browser


@dataclass(frozen=True)
class Outcome:
    started: float  # time.monotonic()
    ended: float
    status: int  # 0: no HTTP answer at all
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 200


class Load(Loops):
    def __init__(self, browsers: list[Browser], paths: list[str]) -> None:
        self.outcomes: list[Outcome] = []
        super().__init__(self._run, [(browser, paths) for browser in browsers])

    def snapshot(self) -> list[Outcome]:
        with self._lock:
            return list(self.outcomes)

    def _run(self, browser: Browser, paths: list[str]) -> None:
        n = 0
        while not self._stop.is_set():
            path = paths[n % len(paths)]
            n += 1
            started = time.monotonic()
            try:
                status, error = browser.get(path, timeout=10).status, ""
            except OSError as problem:  # refused, reset, timed out: no answer
                status, error = 0, type(problem).__name__
            outcome = Outcome(started, time.monotonic(), status, error)
            with self._lock:
                self.outcomes.append(outcome)
