"""Configuring a chat channel: by the rollout's executive (for the rollout) or an
administrator (any rollout or department). The webhook URL and the secret are sealed here
and never read back to a page."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from chat.models import ChatChannel, ChatHandle, ChatMessage, ChatPlatform
from chat.robots import robot_url_problem
from chat.services.messages import chat_test_put
from core.errors import AppError, NotAllowed
from core.sealed import SealBroken, seal, unseal
from core.validation import saved
from roles.models import User
from rollout.permissions import rollout_permission_names


class ChatError(AppError):
    pass


@dataclass(frozen=True)
class Secrets:
    """What was typed in the write-only fields; empty: keep what is stored."""

    webhook_url: str = ""
    secret: str = ""


def may_configure(user: User, channel: ChatChannel) -> bool:
    """A department's channel is the administrators'; a rollout's, its executive's too."""
    if user.is_superuser:
        return True
    return channel.rollout is not None and "change_rollout" in rollout_permission_names(
        user, channel.rollout
    )


@transaction.atomic
def chat_channel_save(*, by: User, channel: ChatChannel, secrets: Secrets) -> ChatChannel:
    """Create or change `channel` (its fields set by the caller's form). Its webhook URL
    is on the platform's own host unless ROLLOUT_CHAT_ALLOW_ANY_HOST (chat.robots)."""
    if not may_configure(by, channel):
        raise NotAllowed(
            _("Only the rollout's executive or an administrator sets its chat robots.")
        )
    url = secrets.webhook_url.strip()
    if url:
        channel.webhook_sealed = seal(url)
        channel.webhook_hint = url[-4:]
    if not channel.webhook_sealed:
        raise ChatError(_("Give the robot's webhook URL."))
    # The URL kept is checked too: the platform may have changed, or the setting.
    problem = robot_url_problem(channel.platform, url or _kept_url(channel))
    if problem is not None:
        raise ChatError(problem)
    if secrets.secret.strip():
        channel.secret_sealed = seal(secrets.secret.strip())
    if channel.pk is None:
        channel.created_by = by
    return saved(channel, ChatError)


def _kept_url(channel: ChatChannel) -> str:
    try:
        return unseal(channel.webhook_sealed)
    except SealBroken as error:  # sealed under a SECRET_KEY this server no longer has
        raise ChatError(
            _("The saved webhook URL can no longer be read here; give it again.")
        ) from error


@transaction.atomic
def chat_channel_delete(*, by: User, channel: ChatChannel) -> None:
    """Its unsent messages go with it; the sent ones are history of a robot that is gone."""
    if not may_configure(by, channel):
        raise NotAllowed(
            _("Only the rollout's executive or an administrator sets its chat robots.")
        )
    channel.delete()


@transaction.atomic
def chat_channel_test(*, by: User, channel: ChatChannel) -> ChatMessage:
    if not may_configure(by, channel):
        raise NotAllowed(
            _("Only the rollout's executive or an administrator sets its chat robots.")
        )
    if not channel.active:
        raise ChatError(_("This channel is inactive: activate it to send a test message."))
    return chat_test_put(by=by, channel=channel)


@transaction.atomic
def chat_handles_set(*, user: User, handles: dict[str, str]) -> None:
    """The person's own chat ids by platform; an empty one is removed. Each later reminder
    to a group on that platform @-mentions them."""
    for platform in ChatPlatform.values:
        handle = handles.get(platform, "").strip()
        if not handle:
            ChatHandle.objects.filter(user=user, platform=platform).delete()
            continue
        row = ChatHandle.objects.filter(user=user, platform=platform).first() or ChatHandle(
            user=user, platform=platform
        )
        row.handle = handle
        saved(row, ChatError)
