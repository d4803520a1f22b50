"""The access helper for the objects this app owns: a person's own notifications."""

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.http import Http404

from notifications.models import Notification


def get_notification_for_user(user: AbstractUser | AnonymousUser, pk: int) -> Notification:
    """One of the caller's own notifications; anyone else's, or an id of nothing, is a 404
    (the bell is private: no answer tells that someone else's notification exists)."""
    notification = Notification.objects.filter(recipient_id=user.pk, pk=pk).first()
    if notification is None:
        raise Http404
    return notification
