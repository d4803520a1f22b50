from django.db.models import Count, Q, QuerySet

from chat.models import ChatChannel
from rollout.models import Rollout


def channels_of_rollout(*, rollout: Rollout) -> QuerySet[ChatChannel]:
    """The rollout's channels with their outbox's counts: waiting and given up (one query)."""
    return (
        ChatChannel.objects.filter(rollout=rollout)
        .annotate(
            waiting=Count(
                "messages",
                filter=Q(messages__sent_at__isnull=True, messages__gave_up_at__isnull=True),
            ),
            gave_up=Count(
                "messages",
                filter=Q(messages__gave_up_at__isnull=False, messages__sent_at__isnull=True),
            ),
        )
        .order_by("name", "pk")
    )
