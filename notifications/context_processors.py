"""The bell: how many unread notifications the signed-in person has (one query)."""

from django.http import HttpRequest

from notifications.models import Notification


def notifications(request: HttpRequest) -> dict[str, int]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    unread = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()
    return {"unread_notifications": unread}
