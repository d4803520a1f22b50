"""What waits on a person: the registry behind "My work".

Each app knows what it asks of people (a gate to decide, a commitment to confirm, a claim to
verify...), and no app above it should learn those rules again. So each app registers one
provider per kind of item in its AppConfig.ready(), and the My work page and the count in
the navigation bar ask every provider for one person's items. core keeps only the shape.

A provider must be cheap: a fixed number of queries whatever the number of rollouts or rows
(the page's query count is asserted), and it must list only what is still to do, so that an
item leaves the list as soon as the thing is done."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class WaitingItem:
    """One thing a person should do. `since` is when it started waiting on them; `due` is when it
    must be done (None when nothing says). `url` opens the form that does it."""

    kind: str
    action: str
    subject: str
    rollout_name: str
    since: datetime.datetime
    url: str
    due: datetime.date | None = None

    def overdue_on(self, today: datetime.date) -> bool:
        return self.due is not None and self.due < today


Provider = Callable[[Any], Iterable[WaitingItem]]

_PROVIDERS: dict[str, Provider] = {}


def register_waiting(kind: str, provider: Provider) -> None:
    """Called once per kind from an app's ready(); registering a kind twice is a mistake in
    the code (two apps claiming one duty), not something to paper over."""
    if _PROVIDERS.get(kind, provider) is not provider:
        raise ValueError(f"two providers for waiting items of kind {kind!r}")
    _PROVIDERS[kind] = provider


def waiting_kinds() -> list[str]:
    return sorted(_PROVIDERS)


def waiting_for(person: Any) -> list[WaitingItem]:
    """Everything that waits on this person: most urgent first (overdue, then by due date),
    then oldest first."""
    items = [item for provider in _PROVIDERS.values() for item in provider(person)]
    far = datetime.date.max
    return sorted(items, key=lambda item: (item.due or far, item.since))
