"""Writing the chat outbox: one row per (message, channel), in the transaction of what it
tells (a reminder's dispatch, a decision, a test asked for). The unique (channel, key)
makes a second write of the same message a no-op: each goes once to each channel."""

import uuid
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from chat.models import ChatChannel, ChatHandle, ChatMessage
from notifications.models import Reminder
from notifications.reminder_texts import reminder_text
from roles.models import User


def chat_reminders_put(reminders: list[Reminder]) -> None:
    """The reminders just dispatched, to their rollout's and their recipient's department's
    channels that take their kind (escalations: the manager's and executive's rungs).
    Called inside the dispatch's transaction (notifications.reminders_sent); a few queries
    a batch, whatever its size."""
    rollouts = {r.rollout_id for r in reminders}
    departments = {r.recipient.department_id for r in reminders} - {None}
    channels = list(
        ChatChannel.objects.filter(
            Q(rollout_id__in=rollouts) | Q(department_id__in=departments), active=True
        ).filter(Q(send_reminders=True) | Q(send_escalations=True))
    )
    if not channels:
        return
    handles = _handles({r.recipient_id for r in reminders})
    rows = []
    for reminder in reminders:
        for channel in channels:
            if not _takes(channel, reminder):
                continue
            rows.append(
                ChatMessage(
                    channel=channel,
                    key=f"reminder:{reminder.pk}",
                    text=_reminder_markdown(channel, reminder),
                    mention=handles.get((reminder.recipient_id, channel.platform), ""),
                )
            )
    ChatMessage.objects.bulk_create(rows, ignore_conflicts=True)


def _takes(channel: ChatChannel, reminder: Reminder) -> bool:
    if channel.rollout_id is not None and channel.rollout_id != reminder.rollout_id:
        return False
    if (
        channel.department_id is not None
        and channel.department_id != reminder.recipient.department_id
    ):
        return False
    escalated = reminder.level >= Reminder.Level.MANAGER
    return channel.send_escalations if escalated else channel.send_reminders


def _handles(user_ids: Iterable[int]) -> dict[tuple[int, str], str]:
    return {
        (user_id, platform): handle
        for user_id, platform, handle in ChatHandle.objects.filter(
            user_id__in=user_ids
        ).values_list("user_id", "platform", "handle")
    }


def _reminder_markdown(channel: ChatChannel, reminder: Reminder) -> str:
    """In the group's language; speaks of the person, never to them (a group reads it).
    The key in the text lets a reader (and the tests) tell the reminders apart."""
    with translation.override(channel.language):
        text = reminder_text(reminder.kind, reminder.level, reminder.params)
        return f"- {text} `#{reminder.pk}`"


@transaction.atomic
def chat_decision_put(
    *,
    decision_pk: int,
    rollout_pk: int,
    gate: "str | Promise",
    outcome: "str | Promise",
    reason: str,
) -> None:
    """A decision recorded on a gate, to its rollout's channels that take decisions. Called
    in the decision's transaction (gates.services.decision_record); `gate` and `outcome` may
    be lazy, rendered in each channel's language."""
    channels = ChatChannel.objects.filter(rollout_id=rollout_pk, active=True, send_decisions=True)
    rows = []
    for channel in channels:
        with translation.override(channel.language):
            text = _("- Decision on the gate “%(gate)s”: **%(outcome)s**. %(reason)s") % {
                "gate": str(gate),
                "outcome": str(outcome),
                "reason": reason,
            }
        rows.append(ChatMessage(channel=channel, key=f"decision:{decision_pk}", text=text))
    ChatMessage.objects.bulk_create(rows, ignore_conflicts=True)


def chat_test_put(*, by: User, channel: ChatChannel) -> ChatMessage:
    """A test message, through the outbox like every other: the next dispatch sends it."""
    with translation.override(channel.language):
        text = _("- A test message from Rollout, sent by %(person)s.") % {"person": str(by)}
    return ChatMessage.objects.create(channel=channel, key=f"test:{uuid.uuid4()}", text=text)
