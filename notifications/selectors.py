"""Reads about notifications: what a person finds under the bell, and the e-mails that
failed (for administrators)."""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q, QuerySet

from notifications.models import MailOutboxEntry, Notification
from roles.models import User


def notifications_of(*, person: User, limit: int) -> QuerySet[Notification]:
    """The person's own notifications, newest first (the model's order), at most `limit`:
    the page stays one query however many have piled up."""
    return Notification.objects.filter(recipient=person)[:limit]


@dataclass(frozen=True)
class MailFailures:
    model: type[MailOutboxEntry]
    count: int


def mail_failures() -> list[MailFailures]:
    """For each e-mail outbox (every model built on MailOutboxEntry, whichever app holds
    it), how many of its e-mails failed and wait for a retry: one count query an outbox."""
    outboxes = [m for m in apps.get_models() if issubclass(m, MailOutboxEntry)]
    counts = [
        MailFailures(model, model._default_manager.filter(failed_mail()).count())
        for model in outboxes
    ]
    return [failures for failures in counts if failures.count]


def failed_mail() -> Q:
    """An e-mail that failed at its last attempt and is not sent yet."""
    return Q(sent_at__isnull=True, failed_at__isnull=False)
