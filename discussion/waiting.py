"""My work's "mentions": the comments that name the person and that they have not read yet
(reading the notification, answering on the thread, or the comment's removal settles one)."""

from typing import Any, cast

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from core.waiting import WaitingItem
from discussion.models import Mention
from notifications.models import Notification

# My work shows what waits; a person mentioned a thousand times needs the bell's page.
SHOWN = 50


def mentions_unread(person: Any) -> QuerySet[Mention]:
    """The person's mentions still to read: My work lists them, the bar counts them."""
    return Mention.objects.filter(
        person_id=person.pk,
        notification__isnull=False,
        notification__read_at__isnull=True,
        comment__removed_at__isnull=True,
    )


def mentions_waiting(ids: list[int]) -> list[WaitingItem]:
    """One query, however many rollouts and mentions."""
    mentions = (
        Mention.objects.filter(pk__in=ids)
        .select_related("notification", "comment__rollout")
        .order_by("comment__created_at", "pk")[:SHOWN]
    )
    items = []
    for mention in mentions:
        notification = cast(Notification, mention.notification)  # the query keeps no other
        items.append(
            WaitingItem(
                kind="mention",
                action=_("Read the comment that mentions you"),
                subject=notification.text,
                rollout_name=mention.comment.rollout.name,
                since=mention.comment.created_at,
                # Opening it marks the notification read: the item then leaves My work.
                url=reverse("notifications:notification_open", args=[notification.pk]),
                post=True,
            )
        )
    return items
