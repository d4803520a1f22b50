"""The outboxes the dispatcher empties after the reminders, in the same run: the e-mail
digests (notifications' own) and those of the apps built on notifications (gates: the
decisions' briefs and mail). Each app registers its sender from AppConfig.ready(), so
notifications never imports the apps above it."""

from collections.abc import Callable
from datetime import datetime

from django.utils import timezone

# Sends what its outbox holds that is due at the time given, outside any transaction;
# returns how many it sent.
OutboxSend = Callable[[datetime], int]
_outboxes: dict[str, OutboxSend] = {}


def outbox_register(name: str, send: OutboxSend) -> None:
    """By name, so registering twice (ready() run again) replaces rather than adds."""
    _outboxes[name] = send


def outboxes_send(*, now: datetime | None = None) -> int:
    """Empty every registered outbox of what is due at `now` (a failed e-mail waits for its
    next attempt); how many items were sent in all."""
    now = now or timezone.now()
    return sum(send(now) for send in _outboxes.values())
