"""What a comment can be about, and how discussion reaches it without importing the apps
above it: each owning app registers, from its AppConfig.ready(), how to resolve one of its
objects for a person (its own access call: 404 when they may not see it) into a Target."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import Http404

from discussion.models import CommentTarget
from discussion.thread import ThreadEntry

if TYPE_CHECKING:
    from rollout.models import Rollout


@dataclass(frozen=True)
class Target:
    """An object of a rollout that `viewer_id` may see, resolved by the app that owns it."""

    kind: str  # a CommentTarget value
    pk: int
    rollout: Rollout
    viewer_id: int
    url: str  # its page; a comment is that page's #comment-<id>
    label: Callable[[], str]  # its name in the active language
    history: Callable[[], Iterable[ThreadEntry]]

    def comment_url(self, comment_pk: int) -> str:
        return f"{self.url}#comment-{comment_pk}"


Resolve = Callable[[Any, "Rollout", int], Target]
_resolvers: dict[str, Resolve] = {}


def register_target(kind: str, resolve: Resolve) -> None:
    """By kind, so ready() run twice replaces rather than adds."""
    if kind not in CommentTarget.values:
        raise ValueError(f"{kind!r} is no CommentTarget")
    _resolvers[kind] = resolve


def resolve_target(kind: str, user: Any, rollout: Rollout, pk: int) -> Target:
    """The object for this person, through its owner's access call; a kind nobody
    registered is a page that is not there."""
    resolve = _resolvers.get(kind)
    if resolve is None:
        raise Http404
    return resolve(user, rollout, pk)
