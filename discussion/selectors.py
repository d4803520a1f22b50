"""Reads of discussion: one object's thread, the people one may mention, one comment."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from core.access import one_in_resolved_or_404
from core.views import Refused
from discussion.models import REMOVED_TEXT, Comment
from discussion.rendering import comment_html
from discussion.services import may_edit
from discussion.targets import Target
from discussion.thread import ShownComment, ThreadEntry, merge
from roles.models import User
from roles.selectors import people as people_selectors
from rollout.models import Rollout


@dataclass
class Thread:
    """What templates/discussion/thread.html shows: the entries, the comment form's text
    and error (a refused comment keeps what was typed), and whom it can mention."""

    target: Target
    entries: list[ThreadEntry]
    people: list[User]
    typed: str = ""
    error: str = ""
    refused_edit: Refused | None = None
    done: str = ""


def get_comment_for_user(user: User, rollout: Rollout, pk: int) -> Comment:
    """A comment of a rollout resolved for the person (404 otherwise). Whether they may see
    what it is about is the owner's to say: resolve its target next."""
    comments = Comment.objects.select_related("author")
    return one_in_resolved_or_404(user, rollout, comments, rollout=rollout, pk=pk)


def _comment_entries(target: Target, reader: User, now: datetime) -> list[ThreadEntry]:
    comments = Comment.objects.filter(
        rollout=target.rollout, target_kind=target.kind, target_id=target.pk
    ).select_related("author")
    entries = []
    for comment in comments:
        own = comment.author_id == reader.pk and not comment.is_removed
        shown = ShownComment(
            comment=comment,
            html=comment_html(comment.body),
            may_edit=may_edit(by=reader, comment=comment, now=now),
            may_remove=own,
        )
        text = str(REMOVED_TEXT) if comment.is_removed else comment.body
        entries.append(ThreadEntry(comment.created_at, str(comment.author), text, shown))
    return entries


def thread_of(
    *,
    target: Target,
    reader: User,
    typed: str = "",
    error: str = "",
    refused_edit: Refused | None = None,
    done: str = "",
) -> Thread:
    """The target's history (from its owner) and its comments in time order, and the
    rollout's people for the mention list: two queries besides the owner's history."""
    now = timezone.now()
    entries = merge(target.history(), _comment_entries(target, reader, now))
    people = list(people_selectors.people_of_rollout(rollout=target.rollout))
    return Thread(
        target=target,
        entries=entries,
        people=people,
        typed=typed,
        error=error,
        refused_edit=refused_edit,
        done=done,
    )
