"""What waits on a person: the registry behind "My work".

Each app knows what it asks of people (a gate to decide, a commitment to confirm, a claim to
verify...), and no app above it should learn those rules again. So each app registers, per
kind of item in its AppConfig.ready(), two things:

- `pending(person)`: the queryset of the rows that wait on the person, one item a row. It
  holds the whole rule of what is still to do, so an item leaves as soon as the thing is
  done. It may depend on the person's id and on today's date, nothing else (below).
- `items(ids)`: the items of those rows, given their ids (one query, or none).

The navigation bar shows the count on every page and My work lists the items. Both read the
same UNION ALL of every kind's `pending` queryset, so they cannot disagree: the count is one
query, and the list is that query (the ids of each kind) and then one query for each kind
that has any rows, whatever the number of rollouts or rows (the page's query count is
asserted). core keeps only the shape."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone


@dataclass(frozen=True)
class WaitingItem:
    """One thing a person should do. `since` is when it started waiting on them; `due` is when it
    must be done (None when nothing says). `url` opens the form that does it; with `post`, it
    is posted to instead (it marks the item seen, then sends the person on), as no GET
    writes anything."""

    kind: str
    action: str
    subject: str
    rollout_name: str
    since: datetime.datetime
    url: str
    due: datetime.date | None = None
    post: bool = False

    def overdue_on(self, today: datetime.date) -> bool:
        return self.due is not None and self.due < today


# The rows that wait on a person, one item a row.
Pending = Callable[[Any], QuerySet[Any]]
# The items of the rows with these ids (found by the kind's Pending for the person).
Items = Callable[[list[int]], Iterable[WaitingItem]]


@dataclass(frozen=True)
class _Kind:
    pending: Pending
    items: Items


_KINDS: dict[str, _Kind] = {}


def register_waiting(kind: str, items: Items, *, pending: Pending) -> None:
    """Called once per kind from an app's ready(); registering a kind twice is a mistake in
    the code (two apps claiming one duty), not something to paper over."""
    registered = _KINDS.get(kind)
    if registered is not None and registered != _Kind(pending, items):
        raise ValueError(f"two providers for waiting items of kind {kind!r}")
    _KINDS[kind] = _Kind(pending, items)


def waiting_kinds() -> list[str]:
    return sorted(_KINDS)


def waiting_for(person: Any) -> list[WaitingItem]:
    """Everything that waits on this person: most urgent first (overdue, then by due date),
    then oldest first."""
    return waiting_items(waiting_ids(person))


def waiting_ids(person: Any) -> dict[str, list[int]]:
    """The ids of the rows that wait on the person, by kind, each list in ascending order
    (one query): what waits, as of now, without the items' texts."""
    ids: dict[str, list[int]] = defaultdict(list)
    for kind, pk in _run(person, count=False):
        ids[kind].append(pk)
    return {kind: sorted(found) for kind, found in sorted(ids.items())}


def waiting_items(ids: dict[str, list[int]]) -> list[WaitingItem]:
    """The items of these rows (waiting_ids), most urgent first (overdue, then by due date),
    then oldest first: one query a kind that has rows. They read only the rows' own data
    and their rollouts' (no more about the person than the ids say)."""
    items = [item for kind, found in ids.items() for item in _KINDS[kind].items(found)]
    far = datetime.date.max
    return sorted(items, key=lambda item: (item.due or far, item.since))


def waiting_count(person: Any) -> int:
    """How many items waiting_for(person) lists, in one query (rows of two kinds with the
    same id both count)."""
    [(count,)] = _run(person, count=True)
    return int(count)


# The count runs on every page (the navigation bar). Building eight querysets and compiling
# their SQL took about 7 ms of Python a request on the bench's data, against 2-3 ms in
# PostgreSQL; the SQL is the same for everyone but the person's id (and the day, which a
# provider may compare dates with). So it is compiled once a day per process, for a
# stand-in person, and each request only puts its person's id in the parameters.


@dataclass(frozen=True)
class _Compiled:
    ids_sql: str  # (kind, id) rows
    count_sql: str
    params: tuple[Any, ...]
    person_at: tuple[int, ...]  # the positions of the person's id among the parameters

    def params_for(self, person_pk: int) -> tuple[Any, ...]:
        params = list(self.params)
        for position in self.person_at:
            params[position] = person_pk
        return tuple(params)


@dataclass(frozen=True)
class _StandIn:
    """A person no row refers to: the pending querysets read only the person's id."""

    pk: int

    @property
    def id(self) -> int:
        return self.pk


# Two ids no person has (ids are positive), far from any other number a query may carry.
_STAND_INS = (-7_654_321, -7_654_322)


def _run(person: Any, *, count: bool) -> list[tuple[Any, ...]]:
    if not _KINDS:
        return [(0,)] if count else []
    kinds = tuple(sorted(_KINDS.items()))
    compiled = _compiled(connection.alias, timezone.localdate(), kinds)
    with connection.cursor() as cursor:
        cursor.execute(
            compiled.count_sql if count else compiled.ids_sql, compiled.params_for(person.pk)
        )
        return list(cursor.fetchall())


def _union_sql(
    kinds: tuple[tuple[str, _Kind], ...], person: _StandIn, using: str
) -> tuple[str, tuple[Any, ...]]:
    """Each kind's ids under its name: SELECT kind, id FROM (its query) ... UNION ALL ..."""
    parts, params = [], []
    for name, kind in kinds:
        rows = kind.pending(person).using(using).order_by().values_list("pk")
        try:
            sql, rows_params = rows.query.get_compiler(using).as_sql()
        except EmptyResultSet as empty:  # .none(): empty for the stand-in, maybe not for others
            raise ValueError(
                f"waiting kind {name!r}: a pending queryset is never empty by rule"
            ) from empty

        # Django's own SQL, its values kept apart as parameters.
        parts.append(f"SELECT %s, waiting_row.* FROM ({sql}) AS waiting_row")  # noqa: S608
        params.extend([name, *rows_params])
    return " UNION ALL ".join(parts), tuple(params)


@lru_cache(maxsize=8)
def _compiled(using: str, day: datetime.date, kinds: tuple[tuple[str, _Kind], ...]) -> _Compiled:
    """The SQL for the day. Compiled for two stand-ins: the SQL must be the same and the
    parameters differ only where each has its id. A pending queryset whose SQL depended on
    the person otherwise (the id written into the SQL, a branch on who it is) would break
    that, and is refused here rather than counted wrongly for everyone. Kept per database,
    day and set of kinds (the tests register their own)."""
    first, second = (_union_sql(kinds, _StandIn(pk), using) for pk in _STAND_INS)
    same_sql = first[0] == second[0] and len(first[1]) == len(second[1])
    differing = [i for i, (a, b) in enumerate(zip(first[1], second[1], strict=False)) if a != b]
    expected = all(
        first[1][i] == _STAND_INS[0] and second[1][i] == _STAND_INS[1] for i in differing
    )
    if not (same_sql and expected):
        raise ValueError("a waiting provider's SQL depends on the person beyond their id")
    return _Compiled(
        ids_sql=first[0],
        count_sql=f"SELECT COUNT(*) FROM ({first[0]}) AS waiting",  # noqa: S608 (as above)
        params=first[1],
        person_at=tuple(differing),
    )
