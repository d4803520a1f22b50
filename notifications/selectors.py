"""Reads about notifications: what a person finds under the bell."""

from django.db.models import QuerySet

from notifications.models import Notification
from roles.models import User


def notifications_of(*, person: User, limit: int) -> QuerySet[Notification]:
    """The person's own notifications, newest first (the model's order), at most `limit`:
    the page stays one query however many have piled up."""
    return Notification.objects.filter(recipient=person)[:limit]
