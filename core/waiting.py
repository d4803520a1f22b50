"""What waits on a person: the registry behind "My work".

Each app knows what it asks of people (a gate to decide, a commitment to confirm, a claim to
verify...), and no app above it should learn those rules again. So each app registers one
provider per kind of item in its AppConfig.ready(), and the My work page and the count in
the navigation bar ask every provider for one person's items. core keeps only the shape.

A provider must be cheap: a fixed number of queries whatever the number of rollouts or rows
(the page's query count is asserted), and it must list only what is still to do, so that an
item leaves the list as soon as the thing is done.

The navigation bar shows the count on every page, so a provider also gives, when it can, the
queryset of the rows it lists (`pending`): the counts of all kinds are then one query (a
UNION ALL of those querysets), and the count and the list cannot disagree, both being read
from the same queryset. A provider without one is counted by listing its items."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet


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


Provider = Callable[[Any], Iterable[WaitingItem]]
# The rows a provider lists for a person, one item a row: counted without being listed.
Pending = Callable[[Any], QuerySet[Any]]

_PROVIDERS: dict[str, Provider] = {}
_PENDING: dict[str, Pending] = {}


def register_waiting(kind: str, provider: Provider, *, pending: Pending | None = None) -> None:
    """Called once per kind from an app's ready(); registering a kind twice is a mistake in
    the code (two apps claiming one duty), not something to paper over."""
    if _PROVIDERS.get(kind, provider) is not provider:
        raise ValueError(f"two providers for waiting items of kind {kind!r}")
    _PROVIDERS[kind] = provider
    if pending is not None:
        _PENDING[kind] = pending


def waiting_kinds() -> list[str]:
    return sorted(_PROVIDERS)


def waiting_for(person: Any) -> list[WaitingItem]:
    """Everything that waits on this person: most urgent first (overdue, then by due date),
    then oldest first."""
    items = [item for provider in _PROVIDERS.values() for item in provider(person)]
    far = datetime.date.max
    return sorted(items, key=lambda item: (item.due or far, item.since))


def waiting_count(person: Any) -> int:
    """How many items waiting_for(person) lists: one query for every kind registered with
    its `pending` queryset (UNION ALL, so rows of two kinds with the same id both count),
    plus what the other providers list."""
    querysets = [pending(person).order_by().values_list("pk") for pending in _PENDING.values()]
    counted = querysets[0].union(*querysets[1:], all=True).count() if querysets else 0
    listed = sum(
        len(list(provider(person))) for kind, provider in _PROVIDERS.items() if kind not in _PENDING
    )
    return counted + listed
