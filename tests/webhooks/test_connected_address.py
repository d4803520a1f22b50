"""The address a delivery's connection actually reached is checked before a byte is sent:
a name that resolved to a public address when checked and resolves inside the network when
connecting (DNS rebinding) is refused all the same, unless private addresses are allowed."""

import pytest
from django.utils import timezone

from tests.webhooks.raw_server import WAIT_CAP_SECONDS, raw_server, record
from tests.webhooks.webhooks_data import endpoint_at
from webhooks import sending
from webhooks.addresses import AddressRefused
from webhooks.models import WebhookDelivery
from webhooks.services import endpoint_test_send
from webhooks.transport import CheckedHTTPConnection, CheckedHTTPSConnection


@pytest.mark.parametrize("connection_class", [CheckedHTTPConnection, CheckedHTTPSConnection])
def test_a_name_that_reaches_the_inside_network_is_refused_before_a_byte_is_sent(
    settings, connection_class
):
    settings.ROLLOUT_WEBHOOKS_ALLOW_PRIVATE = False
    with raw_server(record) as server:
        # "localhost" resolves to the loopback: no check before connecting is asked here.
        connection = connection_class("localhost", server.port, timeout=WAIT_CAP_SECONDS)
        with pytest.raises(AddressRefused, match="inside the network"):
            connection.request("POST", "/hook", body=b"{}")
        # It connected, then closed without sending anything (not even a TLS hello).
        assert server.sent.get(timeout=WAIT_CAP_SECONDS) == b""


def test_the_same_connection_goes_through_when_private_addresses_are_allowed(settings):
    settings.ROLLOUT_WEBHOOKS_ALLOW_PRIVATE = True
    with raw_server(record) as server:
        connection = CheckedHTTPConnection("localhost", server.port, timeout=WAIT_CAP_SECONDS)
        connection.request("POST", "/hook", body=b"{}")
        connection.close()
        assert server.sent.get(timeout=WAIT_CAP_SECONDS).startswith(b"POST /hook HTTP/1.1")


@pytest.mark.django_db
def test_a_delivery_to_a_name_rebound_inside_is_refused(receiver, demo, crm, settings, monkeypatch):
    endpoint = endpoint_at(receiver, demo["ceo"], crm, "/hook")
    endpoint.url = receiver.url("/hook").replace("127.0.0.1", "localhost")
    endpoint.save(update_fields=["url"])
    endpoint_test_send(by=demo["ceo"], endpoint=endpoint)
    settings.ROLLOUT_WEBHOOKS_ALLOW_PRIVATE = False
    # The name answered a public address to the check before sending, as a rebinding name
    # does; the connection looks it up again and reaches the loopback.
    monkeypatch.setattr(sending, "address_check", lambda url, *, resolve: None)
    assert sending.deliveries_send(timezone.now()) == 0
    assert receiver.received == []
    assert WebhookDelivery.objects.get().last_error == (
        "WebhookRefused: Address refused: localhost is inside the network;"
        " webhooks go to public addresses only."
    )
