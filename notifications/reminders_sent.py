"""Hooks told of the reminders a dispatch has just sent, inside its transaction: an app
above notifications (chat) writes its own outbox rows for them there, so they exist
exactly when the notifications do. Registered from AppConfig.ready(), by name."""

from collections.abc import Callable

from notifications.models import Reminder

RemindersSent = Callable[[list[Reminder]], None]
_hooks: dict[str, RemindersSent] = {}


def reminders_sent_register(name: str, hook: RemindersSent) -> None:
    """By name, so registering twice (ready() run again) replaces rather than adds."""
    _hooks[name] = hook


def reminders_sent(reminders: list[Reminder]) -> None:
    for hook in _hooks.values():
        hook(reminders)
