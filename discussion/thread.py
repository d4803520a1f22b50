"""One activity thread per object: what happened to it (its history, told by the app that
owns it) and what people said about it (comments), merged in time order.

The owning apps sit above discussion, so they build their own entries in this neutral
shape and hand them over; discussion never reads their tables."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.utils.safestring import SafeString

    from discussion.models import Comment


@dataclass(frozen=True)
class ShownComment:
    """A comment as the reader sees it: its text made safe, and what they may do with it."""

    comment: Comment
    html: SafeString
    may_edit: bool
    may_remove: bool


@dataclass(frozen=True)
class ThreadEntry:
    """One line of the thread: when, who, what (plain text, escaped when shown). A comment's
    entry carries the comment; a history entry carries none."""

    at: datetime
    actor: str
    text: str
    comment: ShownComment | None = None


def merge(*sources: Iterable[ThreadEntry]) -> list[ThreadEntry]:
    """Every source's entries in time order; at the same moment, the order given (history
    first when it is passed first), as sorted() is stable."""
    return sorted(chain.from_iterable(sources), key=lambda entry: entry.at)
