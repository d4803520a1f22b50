"""What a receiver answers that is not HTTP (garbage for a status line, a hang-up without a
word), and an address no connection can use: each a failed attempt with its reason, tried
again later like any refusal, not a fault of the dispatcher's; the other endpoints'
deliveries still go."""

import logging

import pytest
from django.utils import timezone

from tests.webhooks.raw_server import garbage, hang_up, raw_server
from tests.webhooks.webhooks_data import endpoint_at
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.sending import deliveries_send
from webhooks.services import endpoint_test_send

pytestmark = pytest.mark.django_db


def faults(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What the outbox logged as a fault of ours (a traceback), not a receiver's answer."""
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (garbage, "WebhookRefused: Not an HTTP answer: BadStatusLine: "),
        (hang_up, "WebhookRefused: Not an HTTP answer: RemoteDisconnected: "),
    ],
    ids=["garbage", "hang-up"],
)
def test_an_answer_that_is_not_http_is_a_failed_attempt(
    receiver, demo, crm, caplog, answer, reason
):
    with raw_server(answer) as odd:
        bad = endpoint_at(receiver, demo["ceo"], crm, "/odd")
        bad.url = odd.url("/odd")
        bad.save(update_fields=["url"])
        good = endpoint_at(receiver, demo["ceo"], crm, "/good")
        for endpoint in (bad, good):
            endpoint_test_send(by=demo["ceo"], endpoint=endpoint)
        assert deliveries_send(timezone.now()) == 1
    assert len(receiver.taken("/good")) == 1
    failed = WebhookDelivery.objects.get(endpoint=bad)
    assert (failed.state, failed.attempts) == ("failed", 1)
    assert failed.last_error.startswith(reason)
    assert faults(caplog) == []


def test_a_port_no_connection_can_use_is_refused_when_sending(receiver, demo, crm, caplog):
    endpoint = endpoint_at(receiver, demo["ceo"], crm, "/hook")
    endpoint_test_send(by=demo["ceo"], endpoint=endpoint)
    # Saved before the form refused such ports.
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(url="http://127.0.0.1:99999/hook")
    assert deliveries_send(timezone.now()) == 0
    delivery = WebhookDelivery.objects.get()
    assert delivery.last_error == (
        "WebhookRefused: Address refused: The address's port must be a number from 1 to 65535."
    )
    assert faults(caplog) == []
