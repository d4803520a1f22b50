"""The e-mail digests: one e-mail per person who chose a daily or weekly digest, in their
language, listing what they were notified of since the last one.

Two steps, neither holding a transaction while the mail server talks. The digest run
(beat, each morning and each Monday) puts each person's new notifications in a digest
e-mail of the outbox (DigestMailing), in one short transaction a person; the outbox is
then sent by notifications.services.mail_outbox, by this run and, for a digest that
failed, by the dispatcher later. A notification is marked e-mailed only when its digest
was sent: one whose send failed is still unsent, and goes when the server takes it."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.models import DigestMailing, Notification
from notifications.services.mail_outbox import mail_outbox_send
from roles.models import EmailDigest, User
from roles.services.assignments import RoleError


def email_digests_send(*, frequency: str, now: datetime | None = None) -> int:
    """The digest run: put the new notifications of everyone who chose this frequency in
    their digest e-mail, then send the digests due. Returns how many were sent."""
    if frequency not in EmailDigest.values:
        raise RoleError(_("Choose a daily or a weekly digest."))
    now = now or timezone.now()
    email_digests_collect(frequency=frequency, now=now)
    return digest_mailings_send(now)


def email_digests_collect(*, frequency: str, now: datetime) -> int:
    """One digest e-mail in the outbox per person with news; returns how many were made.
    A notification goes in one digest only: it is taken by a conditional UPDATE, so a
    second run at the same time takes nothing twice."""
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            digest__isnull=True,
            recipient__email_reminders=True,
            recipient__email_digest=frequency,
            recipient__is_active=True,
        )
        .exclude(recipient__email="")
        .order_by("recipient_id", "pk")
        .values_list("pk", "recipient_id", "resolved_at")
    )
    news: dict[int, list[int]] = {}
    done: list[int] = []
    for pk, recipient_id, resolved_at in pending:
        news.setdefault(recipient_id, [])
        # A resolved one (the thing was done before the digest went out) is not news: it
        # is marked handled, but not mailed.
        (done if resolved_at is not None else news[recipient_id]).append(pk)
    Notification.objects.filter(pk__in=done, emailed_at__isnull=True, digest__isnull=True).update(
        emailed_at=now
    )
    made = 0
    for recipient_id, ids in news.items():
        if not ids:
            continue
        with transaction.atomic():
            mailing = DigestMailing.objects.create(recipient_id=recipient_id, frequency=frequency)
            taken = Notification.objects.filter(
                pk__in=ids, emailed_at__isnull=True, digest__isnull=True
            ).update(digest=mailing)
            if not taken:  # another digest run took them first
                mailing.delete()
                continue
        made += 1
    return made


def digest_mailings_send(now: datetime) -> int:
    """Send the digest e-mails due at `now` (new ones, and failed ones whose next attempt
    has come); registered as an outbox, so the dispatcher retries them every minute."""
    return mail_outbox_send(DigestMailing, _send, now=now)


def _send(pk: int) -> None:
    mailing = DigestMailing.objects.select_related("recipient").get(pk=pk)
    person = mailing.recipient
    # Resolved since the digest was made (it waited for a server that was down): not news.
    still_open = list(
        mailing.notifications.filter(resolved_at__isnull=True).order_by("created_at", "pk")
    )
    # Someone who turned digests off, or was disabled, while it waited gets nothing.
    wanted = person.is_active and person.email_reminders and person.email
    if still_open and wanted:
        _digest(person, still_open, get_connection()).send(fail_silently=False)
    Notification.objects.filter(digest=mailing, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )


def _digest(person: User, notifications: list[Notification], connection: Any) -> EmailMessage:
    with translation.override(person.preferred_language):
        subject = _("Rollout: %(count)s reminders for you") % {"count": len(notifications)}
        lines = [f"- {n.text}" for n in notifications]
        body = "\n".join([_("Hello %(name)s,") % {"name": person}, "", *lines, ""])
    return EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, [person.email], connection=connection
    )
