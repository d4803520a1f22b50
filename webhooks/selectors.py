"""What the endpoints page reads: a rollout's endpoints and their latest deliveries."""

from django.db.models import QuerySet

from rollout.models import Rollout
from webhooks.models import WebhookDelivery, WebhookEndpoint

RECENT = 20


def endpoints_of_rollout(*, rollout: Rollout) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.filter(rollout=rollout).order_by("created_at", "pk")


def recent_deliveries(*, rollout: Rollout) -> list[WebhookDelivery]:
    """The latest deliveries to the rollout's endpoints, newest first, with their state."""
    return list(
        WebhookDelivery.objects.filter(endpoint__rollout=rollout)
        .select_related("endpoint")
        .defer("payload")
        .order_by("-created_at", "-pk")[:RECENT]
    )
