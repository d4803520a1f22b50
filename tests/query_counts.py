"""One way to pin a query count: `with exactly(7): ...` fails unless the block ran exactly
seven queries, and lists them numbered, so a failure says which query came or went."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

# Savepoints are Django's bookkeeping around atomic blocks, not reads or writes of ours.
BOOKKEEPING = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def numbered(queries: list[dict[str, Any]]) -> str:
    return "\n".join(f"{n:3}. {q['sql']}" for n, q in enumerate(queries, 1))


@contextmanager
def exactly(expected: int, *, savepoints: bool = True) -> Iterator[CaptureQueriesContext]:
    """With savepoints=False, SAVEPOINT/RELEASE lines are neither counted nor listed."""
    with CaptureQueriesContext(connection) as captured:
        yield captured
    queries = [
        q
        for q in captured.captured_queries
        if savepoints or not q["sql"].lstrip().upper().startswith(BOOKKEEPING)
    ]
    if len(queries) != expected:
        pytest.fail(f"{len(queries)} queries where {expected} were expected:\n{numbered(queries)}")


def get_page(client: Any, url: str, expected: int) -> None:
    """A GET answered 200 in exactly `expected` queries, after one GET first, so caches a
    first request fills (content types, the session's user) are not counted."""
    client.get(url)
    with exactly(expected):
        assert client.get(url).status_code == 200


def get_cached_page(client: Any, url: str, *, rollout_id: int, fresh: int, cached: int) -> None:
    """A page whose figures are kept in the page cache (rollout/page_cache.py): answered
    200 in exactly `fresh` queries when the rollout has just changed (a write gives it a
    new data version, so nothing is cached for it yet), then in exactly `cached` queries
    when the same figures are asked for again."""
    from django.db.models import F

    from rollout.models import Rollout

    client.get(url)
    Rollout.objects.filter(pk=rollout_id).update(updated_at=F("updated_at"))
    with exactly(fresh):
        assert client.get(url).status_code == 200
    with exactly(cached):
        assert client.get(url).status_code == 200
