"""The access calls of the webhooks pages, in the manner of gates/access.py: 404 for a
rollout the person is not in or an endpoint of another rollout, 403 for a person in the
rollout who does not manage its webhooks (checked before any form is read)."""

from django.contrib.auth.models import AbstractUser, AnonymousUser

from core.access import one_in_resolved_or_404, permitted, require_resolved
from rollout.models import Rollout
from rollout.policies import Rights
from webhooks.models import WebhookEndpoint
from webhooks.policies import manages_webhooks

MANAGE = "webhooks"


def access_webhooks(
    user: AbstractUser | AnonymousUser, rollout: Rollout, rights: Rights
) -> Rollout:
    """The webhooks of a rollout resolved for the person (get_rollout_for_user), with their
    rights on it (permission_names: asked once per request, the tabs read them too)."""
    require_resolved(rollout, user)
    return permitted(user, rollout, MANAGE, manages_webhooks(rights))


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
