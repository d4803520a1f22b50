"""The outboxes of the apps built on notifications (gates: the decisions' briefs and mail),
which the dispatcher empties after the reminders, in the same run. Each app registers its
sender from AppConfig.ready(), so notifications never imports the apps above it."""

from collections.abc import Callable

# Sends what its outbox holds outside any transaction; returns how many it sent.
OutboxSend = Callable[[], int]
_outboxes: dict[str, OutboxSend] = {}


def outbox_register(name: str, send: OutboxSend) -> None:
    """By name, so registering twice (ready() run again) replaces rather than adds."""
    _outboxes[name] = send


def outboxes_send() -> int:
    """Empty every registered outbox; how many items were sent in all."""
    return sum(send() for send in _outboxes.values())
