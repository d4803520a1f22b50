"""The access calls of the webhooks pages, in the manner of gates/access.py: 404 for a
rollout the person is not in or an endpoint of another rollout, 403 for a person in the
rollout who does not manage its webhooks (checked before any form is read)."""

from django.contrib.auth.models import AbstractUser, AnonymousUser

from core.access import one_in_resolved_or_404, permitted
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user, rollout_permission_names
from webhooks.models import WebhookEndpoint
from webhooks.policies import manages_webhooks

MANAGE = "webhooks"


def access_webhooks(user: AbstractUser | AnonymousUser, rollout_pk: int) -> Rollout:
    rollout = get_rollout_for_user(user, rollout_pk)
    allowed = manages_webhooks(rollout_permission_names(user, rollout))
    return permitted(user, rollout, MANAGE, allowed)


def get_endpoint_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int
) -> WebhookEndpoint:
    """An endpoint of a rollout access_webhooks answered yes for."""
    return one_in_resolved_or_404(
        user,
        rollout,
        WebhookEndpoint.objects.select_related("rollout"),
        rollout=rollout,
        pk=pk,
    )
