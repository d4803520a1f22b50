"""Posting the deliveries to a real receiver on loopback: signed as the README says, retried
with the outbox's backoff after a refusal and taken once, a redirect not followed, an
endpoint that does not answer holding no other back, and nothing posted inside a
transaction."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from core.sealed import unseal
from notifications.outboxes import outboxes_send
from tests.webhooks.webhooks_data import endpoint_at, verify
from webhooks.models import WebhookDelivery
from webhooks.sending import deliveries_send
from webhooks.services import endpoint_test_send

pytestmark = pytest.mark.django_db


def test_a_delivery_is_signed_and_taken_once(receiver, demo, crm):
    endpoint_at(receiver, demo["ceo"], crm, "/hook")
    task = verify(demo, crm)
    assert deliveries_send(timezone.now()) == 1
    (got,) = receiver.taken("/hook")
    assert (got.event["type"], got.event["data"]["task"]["id"]) == ("task.verified", task.pk)
    assert got.headers["webhook-id"] == got.event["id"]
    assert deliveries_send(timezone.now() + timedelta(hours=7)) == 0  # sent: never again


def test_the_dispatcher_sends_them_with_the_other_outboxes(receiver, demo, crm):
    endpoint = endpoint_at(receiver, demo["ceo"], crm, "/hook")
    endpoint_test_send(by=demo["ceo"], endpoint=endpoint)
    outboxes_send()
    assert [r.event["type"] for r in receiver.taken("/hook")] == ["webhook.test"]


def test_a_refusal_is_kept_with_its_reason_and_retried_with_backoff(receiver, demo, crm):
    endpoint = endpoint_at(receiver, demo["ceo"], crm, "/hook")
    receiver.answer("/hook", (500, {}, b"Database  is\n down"))
    endpoint_test_send(by=demo["ceo"], endpoint=endpoint)
    now = timezone.now()
    assert deliveries_send(now) == 0
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts) == ("failed", 1)
    assert delivery.last_error == "WebhookRefused: HTTP 500: Database is down"
    assert delivery.next_attempt_at == now + timedelta(minutes=1)
    assert deliveries_send(now + timedelta(seconds=30)) == 0  # not due yet: nothing posted
    assert deliveries_send(now + timedelta(minutes=1)) == 1
    assert len(receiver.taken("/hook")) == 1
    delivery.refresh_from_db()
    assert delivery.state == "sent"


def test_the_event_id_stays_the_same_on_every_attempt(receiver, demo, crm):
    endpoint = endpoint_at(receiver, demo["ceo"], crm, "/hook")
    receiver.answer("/hook", (503, {}, b""))
    delivery = endpoint_test_send(by=demo["ceo"], endpoint=endpoint)
    deliveries_send(timezone.now())
    deliveries_send(timezone.now() + timedelta(minutes=2))
    (got,) = receiver.taken("/hook")
    assert got.headers["webhook-id"] == str(delivery.event_id)


def test_a_redirect_is_not_followed(receiver, demo, crm):
    endpoint = endpoint_at(receiver, demo["ceo"], crm, "/hook")
    receiver.answer("/hook", (302, {"Location": receiver.url("/elsewhere")}, b""))
    endpoint_test_send(by=demo["ceo"], endpoint=endpoint)
    deliveries_send(timezone.now())
    assert receiver.received == []
    assert "redirects are not followed" in WebhookDelivery.objects.get().last_error


def test_an_endpoint_that_does_not_answer_holds_no_other_back(receiver, demo, crm, settings):
    down = endpoint_at(receiver, demo["ceo"], crm, "/down")
    # Nothing listens there any more: connection refused.
    down.url = _closed_port_url()
    down.save(update_fields=["url"])
    up = endpoint_at(receiver, demo["ceo"], crm, "/up")
    for _ in range(3):
        endpoint_test_send(by=demo["ceo"], endpoint=down)
    endpoint_test_send(by=demo["ceo"], endpoint=up)
    assert deliveries_send(timezone.now()) == 1
    assert len(receiver.taken("/up")) == 1
    reasons = list(
        WebhookDelivery.objects.filter(endpoint=down).values_list("last_error", flat=True)
    )
    assert sum("ConnectionRefusedError" in r for r in reasons) == 1  # tried once this run
    assert sum("Not tried" in r for r in reasons) == 2


def test_a_receiver_that_never_answers_is_waited_for_once_a_run(receiver, demo, crm, settings):
    import socket

    settings.ROLLOUT_WEBHOOKS_TIMEOUT_SECONDS = 0.5
    with socket.socket() as silent:  # takes connections (the kernel's backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        endpoint = endpoint_at(receiver, demo["ceo"], crm, "/silent")
        endpoint.url = f"http://127.0.0.1:{silent.getsockname()[1]}/silent"
        endpoint.save(update_fields=["url"])
        for _ in range(2):
            endpoint_test_send(by=demo["ceo"], endpoint=endpoint)
        assert deliveries_send(timezone.now()) == 0
    reasons = sorted(WebhookDelivery.objects.values_list("last_error", flat=True))
    assert reasons[0].startswith("WebhookAway: No answer: ") and "timed out" in reasons[0]
    assert "Not tried" in reasons[1]


def test_an_address_inside_the_network_is_refused_unless_allowed(receiver, demo, crm, settings):
    endpoint = endpoint_at(receiver, demo["ceo"], crm, "/hook")
    endpoint_test_send(by=demo["ceo"], endpoint=endpoint)
    settings.ROLLOUT_WEBHOOKS_ALLOW_PRIVATE = False
    deliveries_send(timezone.now())
    assert receiver.received == []
    assert "inside the network" in WebhookDelivery.objects.get().last_error


def test_nothing_is_posted_inside_a_transaction(receiver, demo, crm, monkeypatch):
    from webhooks import sending

    endpoint = endpoint_at(receiver, demo["ceo"], crm, "/hook")
    endpoint_test_send(by=demo["ceo"], endpoint=endpoint)
    seen = []
    opener_open = sending._opener.open

    def open_outside(*args, **kwargs):
        # The test's own transaction is the one open: the sender opened none of its own.
        seen.append(len(connection.savepoint_ids))
        return opener_open(*args, **kwargs)

    monkeypatch.setattr(sending._opener, "open", open_outside)
    deliveries_send(timezone.now())
    assert seen == [0]


def test_the_secret_is_sealed_in_the_database(receiver, demo, crm):
    endpoint = endpoint_at(receiver, demo["ceo"], crm, "/hook")
    secret = receiver.secrets["/hook"]
    assert secret.startswith("whsec_") and secret not in endpoint.secret_sealed
    assert unseal(endpoint.secret_sealed) == secret


def _closed_port_url() -> str:
    import socket

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    return f"http://127.0.0.1:{port}/down"
