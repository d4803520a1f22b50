"""Every write of discussion: writing, editing and removing a comment, and telling the
people it mentions. The view resolves the object through its owner's access call and hands
the Target in; the rules about comments themselves are checked here."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.errors import AppError, NotAllowed
from discussion.mentions import MENTIONS_MAX, known_prefix, mentioned_names
from discussion.models import BODY_MAX, REMOVED_TEXT, Comment, CommentTarget, Mention
from discussion.targets import Target
from notifications.services.notifications import (
    NewNotification,
    notifications_resolve,
    notifications_send,
)
from roles.models import User
from roles.selectors import people as people_selectors

# Long enough to fix a typo, short enough that nobody has answered a different text.
EDIT_WINDOW = timedelta(minutes=15)


class DiscussionError(AppError):
    """A comment refused; the message says why, for the person who wrote it."""


def _checked_body(body: str) -> str:
    """The body's rules, each refused with its message before anything is written. No
    full_clean() after it: the model's rules are these two (its CheckConstraints stand
    behind them), a target kind that comes from a Target and foreign keys that are the
    checked instances themselves; asking the database again would cost five queries."""
    body = body.replace("\x00", "").strip()
    if not body:
        raise DiscussionError(_("Write something before sending the comment."))
    if len(body) > BODY_MAX:
        raise DiscussionError(
            _("A comment holds at most %(max)s characters; this one has %(count)s.")
            % {"max": BODY_MAX, "count": len(body)}
        )
    return body


def _known(name: str, by_name: dict[str, User]) -> str | None:
    """The known name a mention names. An ASCII name is whole ("@member10" is nobody, never
    member1); one in Chinese may run into the words written after it."""
    folded = name.casefold()
    if folded in by_name:
        return folded
    return None if name.isascii() else known_prefix(folded, by_name)


def _mentioned_people(body: str, target: Target) -> list[User]:
    """The people the body mentions, all of them on the target's rollout; a name that is
    nobody there refuses the comment (and says which), so no mention is silently lost."""
    names = mentioned_names(body)
    if not names:
        return []
    if len(names) > MENTIONS_MAX:
        raise DiscussionError(
            _("A comment can mention at most %(max)s people.") % {"max": MENTIONS_MAX}
        )
    people = people_selectors.people_of_rollout(rollout=target.rollout)
    by_name = {person.username.casefold(): person for person in people}
    found: dict[int, User] = {}
    unknown = []
    for name in names:
        known = _known(name, by_name)
        if known is None:
            unknown.append(name)
        else:
            found.setdefault(by_name[known].pk, by_name[known])
    if unknown:
        raise DiscussionError(
            _(
                "%(names)s: not on this rollout. Only the rollout's people can be mentioned; "
                "the comment was not sent."
            )
            % {"names": ", ".join(f"@{name}" for name in unknown)}
        )
    return list(found.values())


def _mention_text(kind: str, author: str, label: str) -> str:
    """Second person, in the reader's language (notifications_send activates it)."""
    texts = {
        CommentTarget.TASK: _("%(author)s mentioned you in a comment on the task “%(label)s”."),
        CommentTarget.GATE: _("%(author)s mentioned you in a comment on the gate “%(label)s”."),
        CommentTarget.STAFFING_REQUEST: _(
            "%(author)s mentioned you in a comment on the staffing request “%(label)s”."
        ),
    }
    return texts[CommentTarget(kind)] % {"author": author, "label": label}


def _mention(comment: Comment, target: Target, people: list[User]) -> None:
    """Mention rows for the people not mentioned in this comment yet, each told once; the
    author mentioning themself is no news."""
    if not people:
        return
    already = set(comment.mentions.values_list("person_id", flat=True)) if comment.pk else set()
    new = [p for p in people if p.pk not in already and p.pk != comment.author_id]
    if not new:
        return
    author = str(comment.author)
    url = target.comment_url(comment.pk)
    sent = notifications_send(
        [
            NewNotification(
                recipient=person,
                text=lambda: _mention_text(target.kind, author, target.label()),
                url=url,
            )
            for person in new
        ]
    )
    Mention.objects.bulk_create(
        [
            Mention(comment=comment, person=person, notification=notification)
            for person, notification in zip(new, sent, strict=True)
        ]
    )


def _unread_mentions_of(person: User, target: Target) -> QuerySet[Mention]:
    return Mention.objects.filter(
        person=person,
        comment__target_kind=target.kind,
        comment__target_id=target.pk,
        notification__resolved_at__isnull=True,
    )


def _require_viewer(by: User, target: Target) -> None:
    if target.viewer_id != by.pk:
        raise NotAllowed(_("This thread was opened for someone else."))


@transaction.atomic
def comment_create(*, by: User, target: Target, body: str, now: datetime | None = None) -> Comment:
    """A comment on the target by someone who may see it (the target was resolved for
    them). The people it mentions are told; answering on the thread settles the author's
    own mentions there."""
    _require_viewer(by, target)
    body = _checked_body(body)
    people = _mentioned_people(body, target)
    comment = Comment(
        rollout=target.rollout,
        target_kind=target.kind,
        target_id=target.pk,
        author=by,
        body=body,
        created_at=now or timezone.now(),
    )
    comment.save()
    _mention(comment, target, people)
    notifications_resolve(
        ids=_unread_mentions_of(by, target).values_list("notification_id", flat=True)
    )
    return comment


def _own(by: User, comment: Comment, target: Target) -> None:
    _require_viewer(by, target)
    if (comment.target_kind, comment.target_id) != (target.kind, target.pk):
        raise NotAllowed(_("This comment is not on this page."))
    if comment.author_id != by.pk:
        raise NotAllowed(_("Only the author of a comment may change it."))
    if comment.is_removed:
        raise DiscussionError(str(REMOVED_TEXT))


def may_edit(*, by: User, comment: Comment, now: datetime | None = None) -> bool:
    """The author, while the edit window is open (the page offers the edit only then)."""
    now = now or timezone.now()
    return (
        comment.author_id == by.pk
        and not comment.is_removed
        and now - comment.created_at <= EDIT_WINDOW
    )


def _locked(comment: Comment) -> Comment:
    """The comment as it is now, locked until the change commits: an edit and a removal (or
    two edits naming the same person) at the same moment run one after the other, so the
    second sees the first instead of breaking a constraint."""
    return Comment.objects.select_for_update().get(pk=comment.pk)


@transaction.atomic
def comment_edit(
    *, by: User, comment: Comment, target: Target, body: str, now: datetime | None = None
) -> Comment:
    """The author changes their comment within EDIT_WINDOW of writing it; after that what
    was said stays said (people may have answered it), and a new comment says the rest.
    People newly mentioned are told; those mentioned before are not told again."""
    now = now or timezone.now()
    comment = _locked(comment)
    _own(by, comment, target)
    if not may_edit(by=by, comment=comment, now=now):
        written = formats.date_format(timezone.localtime(comment.created_at), "DATETIME_FORMAT")
        raise DiscussionError(
            _(
                "A comment can be edited for %(minutes)s minutes after it is written, and this "
                "one was written on %(written)s. Write a new comment instead."
            )
            % {"minutes": int(EDIT_WINDOW.total_seconds() // 60), "written": written}
        )
    body = _checked_body(body)
    people = _mentioned_people(body, target)
    comment.body = body
    comment.edited_at = now
    comment.save(update_fields=["body", "edited_at"])
    _mention(comment, target, people)
    return comment


@transaction.atomic
def comment_remove(
    *, by: User, comment: Comment, target: Target, now: datetime | None = None
) -> Comment:
    """The author takes their comment back at any time: its text is gone, the thread keeps a
    "removed" mark in its place (answers to it still make sense), and the people it
    mentioned have nothing left to read."""
    comment = _locked(comment)
    _own(by, comment, target)
    comment.body = ""
    comment.removed_at = now or timezone.now()
    comment.save(update_fields=["body", "removed_at"])
    notifications_resolve(ids=comment.mentions.values_list("notification_id", flat=True))
    return comment
