"""An endpoint removed while an event is being put for it, each on its own connection (real
PostgreSQL): whichever comes first, the business change commits and nothing points at a
removed endpoint (the event's look-up locks the endpoints; the removal locks its row first)."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction

from tests.races import WAIT_CAP_SECONDS, lock_waiters, run_together
from tests.webhooks.webhooks_data import endpoint_at
from webhooks.emission import webhook_event_put
from webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from webhooks.services import endpoint_delete

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="concurrent connections need PostgreSQL (CI runs these on it)",
    ),
]


def put(crm: Any) -> int:
    return webhook_event_put(
        rollout_id=crm.pk, event=WebhookEvent.DECISION_RECORDED, key="decision:1",
        data=lambda: {"decision": 1},
    )  # fmt: skip


def held_open(job: Callable[[], Any], holding: threading.Event, release: threading.Event):
    """`job` in a transaction kept open (its locks held) until `release`."""

    def run() -> Any:
        with transaction.atomic():
            done = job()
            holding.set()
            release.wait(WAIT_CAP_SECONDS)
        return done

    return run


def after(first: threading.Event, job: Callable[[], Any], done: threading.Event):
    def run() -> Any:
        first.wait(WAIT_CAP_SECONDS)
        try:
            with transaction.atomic():
                return job()
        finally:
            done.set()

    return run


def referee(holding: threading.Event, second_done: threading.Event, release: threading.Event):
    """Once the first holds its transaction open, wait until the second is done or waits
    for a row lock, then let the first commit."""

    def run() -> None:
        holding.wait(WAIT_CAP_SECONDS)
        for _ in range(WAIT_CAP_SECONDS * 20):
            if second_done.wait(0.05) or lock_waiters():
                break
        release.set()

    return run


def test_an_endpoint_removed_while_an_event_is_put_takes_the_delivery_along(receiver, demo, crm):
    endpoint = endpoint_at(receiver, demo["ceo"], crm, "/hook")
    holding, release, removed = threading.Event(), threading.Event(), threading.Event()
    results = run_together(
        held_open(lambda: put(crm), holding, release),
        after(holding, lambda: endpoint_delete(by=demo["ceo"], endpoint=endpoint), removed),
        referee(holding, removed, release),
    )
    assert results == [1, None, None]
    assert not WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()
    assert not WebhookDelivery.objects.exists()


def test_an_event_put_while_its_endpoint_is_removed_queues_nothing(receiver, demo, crm):
    endpoint = endpoint_at(receiver, demo["ceo"], crm, "/hook")
    holding, release, put_done = threading.Event(), threading.Event(), threading.Event()
    results = run_together(
        held_open(lambda: endpoint_delete(by=demo["ceo"], endpoint=endpoint), holding, release),
        after(holding, lambda: put(crm), put_done),
        referee(holding, put_done, release),
    )
    assert results == [None, 0, None]
    assert not WebhookDelivery.objects.exists()
