"""Waiting on real processes: poll with a deadline instead of sleeping a fixed time."""

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(check: Callable[[], T], *, timeout: float, what: str, every: float = 0.2) -> T:
    """Call `check` until it returns something truthy and return that; fail after
    `timeout` seconds, saying what was awaited and what `check` last returned."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout:.0f} s waiting for {what} ({result!r})")
        time.sleep(every)
