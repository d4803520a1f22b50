"""The reminder outbox: writing reminders (idempotently, by key) and dispatching them.

Business services call `reminder_put` inside their own transaction, so a reminder exists
exactly when the change it is about was committed. Nothing here talks to the broker: the
Celery task and `manage.py dispatch_reminders` both call `reminders_dispatch`, which only
needs the database; with Redis down the next run catches up."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from notifications.models import Notification, Reminder
from notifications.reminder_keys import ReminderAbout, ReminderKey
from notifications.reminder_texts import reminder_text
from notifications.reminders_sent import reminders_sent
from notifications.services.notifications import notifications_resolved
from roles.models import User
from rollout.models import Rollout

DISPATCH_BATCH = 500


@dataclass(frozen=True)
class NewReminder:
    key: ReminderKey  # also gives the kind: a key's first part is its kind
    recipient_id: int
    rollout_id: int
    url: str
    params: dict[str, Any]
    level: int = Reminder.Level.PERSON
    due_at: datetime | None = None


def reminders_put(reminders: list[NewReminder]) -> None:
    """Insert the reminders whose key does not exist yet; existing keys are left alone, so
    writing the same reminder twice (a retried task, a second sweep) changes nothing."""
    now = timezone.now()
    Reminder.objects.bulk_create(
        [
            Reminder(
                key=r.key.key[:200],
                kind=r.key.kind,
                level=r.level,
                recipient_id=r.recipient_id,
                rollout_id=r.rollout_id,
                params=r.params,
                url=r.url,
                due_at=r.due_at or now,
            )
            for r in reminders
        ],
        ignore_conflicts=True,
    )


def reminder_put(
    *,
    key: ReminderKey,
    recipient: User,
    rollout: Rollout,
    url: str,
    params: dict[str, Any],
    level: int = Reminder.Level.PERSON,
) -> None:
    reminders_put([NewReminder(key, recipient.pk, rollout.pk, url, params, level=level)])


def _about(about: Sequence[ReminderAbout]) -> Q:
    """Reminder keys of what `about` names: `request_waiting:7` matches the key itself
    and `request_waiting:7:L0`, `:L1`..., never `request_waiting:70`."""
    return reduce(or_, (Q(key=a.stem) | Q(key__startswith=a.prefix) for a in about))


@transaction.atomic
def reminders_withdraw(*, about: Sequence[ReminderAbout]) -> int:
    """What the reminders asked for is done (a request answered, a commitment confirmed...):
    unsent ones are dropped, and the notifications of those already sent are resolved
    (shown as done, no longer counted by the bell), for every rung of the ladder. Called
    inside the service's transaction, so they change together with the thing done.
    Returns how many unsent reminders were dropped."""
    if not about:
        return 0
    match = _about(about)
    # Lock the unsent ones first. A dispatcher that has claimed one (FOR UPDATE) makes this
    # wait until it commits; the row is then sent, so it is not ours to drop, and the
    # update below (a later statement) sees its notification and resolves it. Deleting
    # without the lock would remove the reminder under the new notification.
    unsent = list(
        Reminder.objects.select_for_update()
        .filter(match, sent_at__isnull=True)
        .values_list("pk", flat=True)
    )
    deleted = Reminder.objects.filter(pk__in=unsent).delete()[0] if unsent else 0
    notifications_resolved(
        Notification.objects.filter(
            reminder__in=Reminder.objects.filter(match, sent_at__isnull=False)
        )
    )
    return deleted


def reminders_dispatch(*, now: datetime | None = None, batch: int = DISPATCH_BATCH) -> int:
    """Turn every due, unsent reminder into one notification. Returns how many were sent.

    Each batch is one transaction of three queries: claim rows with SKIP LOCKED (a second
    dispatcher running at the same moment skips them instead of sending them again), insert
    the notifications, mark the reminders sent."""
    now = now or timezone.now()
    sent = 0
    while True:
        with transaction.atomic():
            due = list(
                Reminder.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(sent_at__isnull=True, due_at__lte=now)
                .select_related("recipient")
                .order_by("due_at", "pk")[:batch]
            )
            if not due:
                return sent
            Notification.objects.bulk_create(
                [
                    Notification(
                        recipient_id=r.recipient_id,
                        reminder=r,
                        text=_render(r),
                        url=r.url,
                    )
                    for r in due
                ],
                ignore_conflicts=True,  # a notification for this reminder already exists
            )
            Reminder.objects.filter(pk__in=[r.pk for r in due]).update(sent_at=now)
            reminders_sent(due)  # the chat robots' rows, in this same transaction
        sent += len(due)


def _render(reminder: Reminder) -> str:
    with translation.override(reminder.recipient.preferred_language):
        return reminder_text(
            reminder.kind, reminder.level, reminder.params, to_them=_names_reader(reminder)
        )


def _names_reader(reminder: Reminder) -> bool:
    """Whether the person the reminder is about is its recipient. Reminders carry the
    person's id (`person_id`); one written before they did is matched by the name."""
    params = reminder.params
    if "person_id" in params:
        return bool(params["person_id"] == reminder.recipient_id)
    return bool(params.get("person")) and params.get("person") == str(reminder.recipient)
