"""Threads that repeat something until told to stop, started and stopped with a `with`
block: the shape of every load a fault test keeps up while it breaks something."""

import threading
from collections.abc import Callable
from typing import Any, Self


class Loops:
    # How long leaving the block waits for each thread to see the stop and return.
    join_timeout: float = 30

    def __init__(self, target: Callable[..., None], args: list[tuple[Any, ...]]) -> None:
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=target, args=a, daemon=True) for a in args]

    def __enter__(self) -> Self:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=self.join_timeout)
