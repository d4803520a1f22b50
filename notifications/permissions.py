"""The access helper for the objects this app owns: a person's own notifications."""

from django.contrib.auth.models import AbstractUser, AnonymousUser

from core.access import one_or_404
from notifications.models import Notification


def get_notification_for_user(user: AbstractUser | AnonymousUser, pk: int) -> Notification:
    """One of the caller's own notifications; anyone else's, or an id of nothing, is a 404
    (the bell is private: no answer tells that someone else's notification exists)."""
    return one_or_404(Notification.objects.all(), recipient_id=user.pk, pk=pk)
