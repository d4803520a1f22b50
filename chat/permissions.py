"""Access to a rollout's chat channels: its executive's (change_rollout), 404 for a channel
of another rollout or none."""

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from chat.models import ChatChannel
from core.access import one_in_resolved_or_404
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user, permission_names

CONFIGURE = "rollout.change_rollout"


def get_rollout_to_configure(request: HttpRequest, rollout_pk: int) -> Rollout:
    """The rollout, 404 unless the person holds a role in it, 403 unless its executive.
    Asked through the request's memo of permissions, which the rollout's tabs read too."""
    rollout = get_rollout_for_user(request.user, rollout_pk)
    if CONFIGURE.split(".", 1)[1] not in permission_names(request, rollout):
        raise PermissionDenied
    return rollout


def get_chat_channel_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int
) -> ChatChannel:
    """A channel of a rollout resolved for the person with CONFIGURE; 404 for any other."""
    return one_in_resolved_or_404(
        user, rollout, ChatChannel.objects.select_related("rollout"), rollout=rollout, pk=pk
    )
