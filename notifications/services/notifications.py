"""Writes about notifications: reading them and the e-mail preferences (the digests are in
digests.py)."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.models import Notification
from roles.models import EmailDigest, User
from roles.services.assignments import RoleError


@dataclass(frozen=True)
class NewNotification:
    """A notification written straight away, not through the reminder outbox: for what
    happened once and at once (a person was mentioned), so there is nothing to dispatch or
    escalate. `text` is called in the recipient's language."""

    recipient: User
    text: Callable[[], str]
    url: str


def notifications_send(items: Sequence[NewNotification]) -> list[Notification]:
    """One notification per item, each text in its reader's language, in one insert; meant
    to be called inside the caller's transaction. The bell counts them at once, and the
    e-mail digest sends them like any other."""
    rows = []
    for item in items:
        with translation.override(item.recipient.preferred_language):
            text = item.text()
        rows.append(Notification(recipient=item.recipient, text=text, url=item.url[:300]))
    return Notification.objects.bulk_create(rows)


def notifications_resolve(*, ids: Iterable[int]) -> int:
    """What these notifications asked for is done, or no longer there: shown as done and no
    longer counted by the bell. Returns how many changed."""
    return notifications_resolved(Notification.objects.filter(pk__in=list(ids)))


def notifications_resolved(notifications: "QuerySet[Notification]") -> int:
    """Resolve those of `notifications` not resolved yet (read too, when they were not), in
    one update: the one way a notification becomes done, by id or by what its reminder was
    about (reminders_withdraw). Returns how many changed."""
    now = timezone.now()
    return notifications.filter(resolved_at__isnull=True).update(
        resolved_at=now, read_at=Coalesce("read_at", Value(now))
    )


def notifications_tell(
    *, recipients: Iterable[User], url: str, text: Callable[[], str]
) -> list[Notification]:
    """The same news to several people at once (each in their own language)."""
    return notifications_send([NewNotification(person, text, url) for person in recipients])


def notification_mark_read(*, user: User, notification: Notification) -> int:
    """Mark one of the person's own notifications read; returns 1, or 0 when it already was.
    Marking all of them is another function (and URL): an id that is missing or wrong must
    never fall back to "all"."""
    if notification.recipient_id != user.pk:
        raise RoleError(_("This notification is not yours."))
    return Notification.objects.filter(
        pk=notification.pk, recipient=user, read_at__isnull=True
    ).update(read_at=timezone.now())


def notifications_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of the person read; returns how many."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    return unread.update(read_at=timezone.now())


def notification_preferences_set(*, user: User, email_reminders: bool, email_digest: str) -> None:
    if email_digest not in EmailDigest.values:
        raise RoleError(_("Choose a daily or a weekly digest."))
    user.email_reminders = email_reminders
    user.email_digest = email_digest
    user.save(update_fields=["email_reminders", "email_digest"])
