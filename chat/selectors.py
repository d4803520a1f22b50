from django.db.models import Count, Q, QuerySet

from chat.models import ChatChannel, ChatHandle
from rollout.models import Rollout


def channels_of_rollout(*, rollout: Rollout) -> QuerySet[ChatChannel]:
    """The rollout's channels with their outbox's counts: waiting, given up and in doubt
    (one query)."""
    unsent = Q(messages__sent_at__isnull=True)
    in_doubt = Q(messages__in_doubt_at__isnull=False)
    not_in_doubt = Q(messages__in_doubt_at__isnull=True)
    return (
        ChatChannel.objects.filter(rollout=rollout)
        .defer("webhook_sealed", "secret_sealed")  # never read for a page
        .annotate(
            waiting=Count(
                "messages",
                filter=unsent & Q(messages__gave_up_at__isnull=True) & not_in_doubt,
            ),
            gave_up=Count(
                "messages", filter=unsent & Q(messages__gave_up_at__isnull=False) & not_in_doubt
            ),
            in_doubt=Count("messages", filter=unsent & in_doubt),
        )
        .order_by("name", "pk")
    )


def chat_handles_of(*, user_id: int) -> dict[str, str]:
    """The person's chat ids by platform."""
    return dict(ChatHandle.objects.filter(user_id=user_id).values_list("platform", "handle"))
