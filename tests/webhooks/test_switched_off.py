"""An endpoint switched off: its deliveries wait, neither sent nor failed (no backoff piles
up while it is off); switched on again, they go on the next run, whatever backoff an earlier
failure left them in."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.webhooks.webhooks_data import endpoint_at
from webhooks.models import WebhookDelivery
from webhooks.sending import deliveries_send
from webhooks.services import endpoint_active_set, endpoint_test_send

pytestmark = pytest.mark.django_db


def test_a_switched_off_endpoints_deliveries_wait_without_failing(receiver, demo, crm):
    endpoint = endpoint_at(receiver, demo["ceo"], crm, "/hook")
    delivery = endpoint_test_send(by=demo["ceo"], endpoint=endpoint)
    endpoint_active_set(by=demo["ceo"], endpoint=endpoint, active=False)
    for later in (0, 10, 100):
        assert deliveries_send(timezone.now() + timedelta(minutes=later)) == 0
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_error) == ("waiting", 0, "")
    assert receiver.received == []


def test_switched_on_again_its_deliveries_go_on_the_next_run(receiver, demo, crm):
    endpoint = endpoint_at(receiver, demo["ceo"], crm, "/hook")
    receiver.answer("/hook", (503, {}, b"Maintenance"))
    endpoint_test_send(by=demo["ceo"], endpoint=endpoint)
    now = timezone.now()
    assert deliveries_send(now) == 0  # failed: the next attempt in a minute
    endpoint_active_set(by=demo["ceo"], endpoint=endpoint, active=False)
    endpoint_active_set(by=demo["ceo"], endpoint=endpoint, active=True)
    assert deliveries_send(now) == 1  # at once, not a minute later
    assert len(receiver.taken("/hook")) == 1
    assert WebhookDelivery.objects.get().attempts == 1  # the failure is still counted
