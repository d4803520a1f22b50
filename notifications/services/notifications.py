"""Writes about notifications: reading them, e-mail preferences and the e-mail digests."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
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


def email_digests_send(*, frequency: str, now: datetime | None = None) -> int:
    """One e-mail per person who chose this digest, in their language, listing what they
    were notified of since the last one. Returns how many e-mails were sent. A person's
    notifications are marked e-mailed in the same transaction as their e-mail is handed
    to the mail server, so a rerun after a crash sends nothing twice that was sent."""
    if frequency not in EmailDigest.values:
        raise RoleError(_("Choose a daily or a weekly digest."))
    now = now or timezone.now()
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            recipient__email_reminders=True,
            recipient__email_digest=frequency,
            recipient__is_active=True,
        )
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("recipient_id", "created_at")
    )
    by_person: dict[int, list[Notification]] = {}
    for notification in pending:
        by_person.setdefault(notification.recipient_id, []).append(notification)
    sent = 0
    connection = get_connection()
    for notifications in by_person.values():
        person = notifications[0].recipient
        # A resolved one (the thing was done before the digest went out) is not news:
        # it is marked handled with the rest, but not mailed.
        still_open = [n for n in notifications if n.resolved_at is None]
        with transaction.atomic():
            updated = Notification.objects.filter(
                pk__in=[n.pk for n in notifications], emailed_at__isnull=True
            ).update(emailed_at=now)
            if updated != len(notifications) or not still_open:
                continue  # another digest run took them, or nothing is left to tell
            _digest(person, still_open, connection).send(fail_silently=False)
        sent += 1
    return sent


def _digest(person: User, notifications: list[Notification], connection: Any) -> EmailMessage:
    with translation.override(person.preferred_language):
        subject = _("Rollout: %(count)s reminders for you") % {"count": len(notifications)}
        lines = [f"- {n.text}" for n in notifications]
        body = "\n".join([_("Hello %(name)s,") % {"name": person}, "", *lines, ""])
    return EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, [person.email], connection=connection
    )
