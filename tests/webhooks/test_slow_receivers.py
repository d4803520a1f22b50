"""A receiver that answers a byte at a time, each byte well within the timeout of a single
read, is given up on when the delivery's whole deadline (ROLLOUT_WEBHOOKS_TIMEOUT_SECONDS)
has passed: the attempt fails and is retried later, and the dispatcher goes on."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.services.mail_outbox import CLAIM_EXPIRES
from tests.webhooks.raw_server import raw_server, trickle
from tests.webhooks.webhooks_data import endpoint_at
from webhooks.models import WebhookDelivery
from webhooks.sending import deliveries_send, delivery_timeout
from webhooks.services import endpoint_test_send

pytestmark = pytest.mark.django_db

DEADLINE = 0.5


@pytest.mark.parametrize(
    ("head", "reason"),
    [
        # The headers never end.
        (b"HTTP/1.1 200 OK\r\nX-Slow: ", "WebhookAway: No answer: TimeoutError: timed out"),
        # A refusal whose body (of which the first 200 characters are kept) never ends.
        (
            b"HTTP/1.1 500 Oops\r\nContent-Length: 100000\r\n\r\n",
            "WebhookRefused: HTTP 500: Oops",
        ),
    ],
    ids=["headers", "refusal's body"],
)
def test_a_receiver_trickling_its_answer_is_given_up_on_at_the_deadline(
    receiver, demo, crm, settings, head, reason
):
    settings.ROLLOUT_WEBHOOKS_TIMEOUT_SECONDS = DEADLINE
    # A byte every tenth of the deadline, for forty deadlines: per read, never too slow.
    with raw_server(trickle(head, every=DEADLINE / 10, lasting=DEADLINE * 40)) as slow:
        endpoint = endpoint_at(receiver, demo["ceo"], crm, "/slow")
        endpoint.url = slow.url("/slow")
        endpoint.save(update_fields=["url"])
        endpoint_test_send(by=demo["ceo"], endpoint=endpoint)
        now = timezone.now()
        began = time.monotonic()
        assert deliveries_send(now) == 0
        took = time.monotonic() - began
    assert took < DEADLINE * 8, f"the delivery took {took:.1f} s"
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts) == ("failed", 1)
    assert delivery.next_attempt_at == now + timedelta(minutes=1)
    assert delivery.last_error.startswith(reason)


def test_no_setting_lets_a_delivery_outlast_its_claim(settings):
    settings.ROLLOUT_WEBHOOKS_TIMEOUT_SECONDS = 24 * 3600.0
    assert delivery_timeout() * 10 <= CLAIM_EXPIRES.total_seconds()
