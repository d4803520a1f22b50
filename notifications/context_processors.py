"""The navigation bar's counts: the signed-in person's unread notifications (the bell) and
what waits on them (My work, core.waiting), one query each and only when a page shows it;
My work itself passes the count of the list it shows, which then wins."""

from collections.abc import Callable
from functools import cache

from django.http import HttpRequest

from core.waiting import waiting_count
from notifications.models import Notification


def notifications(request: HttpRequest) -> dict[str, int | Callable[[], int]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0, "waiting_count": 0}
    unread = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
    # A template calls each when it reads it (a partial answering htmx, which shows no
    # navigation bar, asks neither); cached, so reading one twice asks once.
    return {
        "unread_notifications": cache(unread.count),
        "waiting_count": cache(lambda: waiting_count(user)),
    }
