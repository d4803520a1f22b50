"""Writes about notifications: reading them, e-mail preferences and the e-mail digests."""

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.models import Notification
from roles.models import EmailDigest, User
from roles.services.assignments import RoleError


def notifications_send(
    *, recipients: Iterable[User], url: str, text: Callable[[], str]
) -> list[Notification]:
    """Tell each person something now (no reminder to dispatch later): `text` is called in
    each reader's language, so it speaks to them the way the reminders do. One insert, in
    the caller's transaction, so the notice exists exactly when the change it tells of."""
    notifications = []
    for person in recipients:
        with translation.override(person.preferred_language):
            notifications.append(Notification(recipient=person, text=text(), url=url))
    return Notification.objects.bulk_create(notifications) if notifications else []


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
