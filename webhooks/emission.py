"""Putting events in the webhooks' outbox, from inside the business transaction of the app
that tells them (gates' decisions, work's verified tasks, staffing's commitments): one
delivery per active endpoint of the rollout subscribed to the event, or none.

What the event says (`data`) is a function, called only when some endpoint wants the event:
a rollout without webhooks pays one query per event (the endpoints' look-up) and nothing
more, whatever the data would have cost.

The endpoints found are locked until the business transaction ends (FOR NO KEY UPDATE,
which still lets the deliveries' foreign keys point at them): an endpoint being removed
meanwhile (webhooks.services.endpoint_delete, which locks it first) is either removed
before, and not found here, or after this transaction commits, with the delivery written
here. Without the lock, the delivery could point at an endpoint gone by then, and the
business change itself would fail on the foreign key when committing."""

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django.utils import timezone

from rollout.models import Rollout
from webhooks.models import SUBSCRIPTION_FIELDS, WebhookDelivery, WebhookEndpoint, WebhookEvent

Data = Callable[[], dict[str, Any]]


def webhook_event_put(*, rollout_id: int, event: WebhookEvent, key: str, data: Data) -> int:
    """One event (`key` names what happened, unique for an endpoint, so the same event put
    twice is queued once); returns how many deliveries were queued."""
    return webhook_events_put(rollout_id=rollout_id, event=event, items=[(key, data)])


def webhook_events_put(
    *, rollout_id: int, event: WebhookEvent, items: Sequence[tuple[str, Data]]
) -> int:
    """Several events of one kind (the commitments of one answer): two queries for any
    number when an endpoint wants them (the look-up and one insert), one when none does."""
    endpoints = list(
        WebhookEndpoint.objects.filter(
            rollout_id=rollout_id, active=True, **{SUBSCRIPTION_FIELDS[event]: True}
        )
        .select_related("rollout")
        .select_for_update(no_key=True, of=("self",))
        .order_by("pk")  # locked in one order by every transaction: no deadlock between them
    )
    if not endpoints or not items:
        return 0
    rollout = endpoints[0].rollout
    deliveries = []
    for key, data in items:
        event_id = uuid.uuid4()  # one per event: the same webhook-id at every endpoint
        payload = envelope(event=event, event_id=event_id, rollout=rollout, data=data())
        deliveries += [
            WebhookDelivery(endpoint=e, key=key, event_id=event_id, event=event, payload=payload)
            for e in endpoints
        ]
    # Written as the business change's own rows: the event's kind is checked by the
    # database (a CheckConstraint), and a second put of the same event changes nothing.
    WebhookDelivery.objects.bulk_create(deliveries, ignore_conflicts=True)
    return len(deliveries)


def envelope(
    *, event: WebhookEvent, event_id: uuid.UUID, rollout: Rollout, data: dict[str, Any]
) -> dict[str, Any]:
    """The body every event is sent in (the README's "Outgoing webhooks" shows one)."""
    return {
        "id": str(event_id),
        "type": str(event),
        "occurred_at": timezone.now().isoformat(),
        "rollout": {"id": rollout.pk, "name": rollout.name},
        "data": data,
    }
