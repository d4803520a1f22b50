"""The executive's webhooks page: the secret shown on the answer that made it and never
again, a refused form that keeps what was typed, a test event queued (not sent) by the
button, another rollout's endpoint not found, and the page's queries."""

import pytest
from django.urls import reverse

from core.sealed import unseal
from tests.query_counts import get_page
from tests.webhooks.webhooks_data import endpoint_at
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.services import endpoint_test_send

pytestmark = pytest.mark.django_db

ADDRESS = "https://hooks.example.com/rollout"


def add(client, crm, **fields):
    data = {"url": ADDRESS, "on_decision": "on", "on_task_verified": "on", **fields}
    return client.post(reverse("webhooks:endpoint_new", args=[crm.pk]), data)


def test_the_secret_is_shown_once_and_kept_sealed(client, demo, crm):
    client.force_login(demo["ceo"])
    answer = add(client, crm).content.decode()
    endpoint = WebhookEndpoint.objects.get(rollout=crm)
    secret = unseal(endpoint.secret_sealed)
    assert secret in answer
    assert secret not in endpoint.secret_sealed
    assert (endpoint.on_decision, endpoint.on_commitment_changed) == (True, False)
    page = client.get(reverse("webhooks:endpoints", args=[crm.pk])).content.decode()
    assert ADDRESS in page and secret not in page


def test_a_new_secret_is_shown_once_and_replaces_the_old(client, demo, crm):
    client.force_login(demo["ceo"])
    add(client, crm)
    endpoint = WebhookEndpoint.objects.get(rollout=crm)
    old = unseal(endpoint.secret_sealed)
    answer = client.post(reverse("webhooks:endpoint_rotate", args=[crm.pk, endpoint.pk]))
    endpoint.refresh_from_db()
    new = unseal(endpoint.secret_sealed)
    assert new != old and new in answer.content.decode()


def test_a_refused_form_keeps_what_was_typed(client, demo, crm):
    client.force_login(demo["ceo"])
    answer = add(client, crm, url="ftp://hooks.example.com/x", on_decision="", on_task_verified="")
    assert answer.status_code == 400
    page = answer.content.decode()
    assert 'value="ftp://hooks.example.com/x"' in page
    assert "Choose at least one event to send." in page
    assert not WebhookEndpoint.objects.exists()


def test_an_address_inside_the_network_is_refused(client, demo, crm, settings):
    settings.ROLLOUT_WEBHOOKS_ALLOW_PRIVATE = False
    client.force_login(demo["ceo"])
    answer = add(client, crm, url="http://169.254.169.254/latest/meta-data/")
    assert answer.status_code == 400
    assert "inside the network" in answer.content.decode()


def test_the_test_button_queues_a_test_event_for_the_next_dispatch(client, demo, crm):
    client.force_login(demo["ceo"])
    add(client, crm)
    endpoint = WebhookEndpoint.objects.get(rollout=crm)
    client.post(reverse("webhooks:endpoint_test", args=[crm.pk, endpoint.pk]))
    delivery = WebhookDelivery.objects.get()
    assert (delivery.event, delivery.state) == ("webhook.test", "waiting")
    assert delivery.endpoint == endpoint


def test_another_rollouts_endpoint_is_not_found(client, demo, crm, pilot):
    admin_made = WebhookEndpoint.objects.create(
        rollout=pilot, url=ADDRESS, secret_sealed="x", created_by=demo["admin"]
    )
    client.force_login(demo["ceo"])
    for action in ("endpoint_test", "endpoint_delete", "endpoint_rotate", "endpoint_active"):
        answer = client.post(reverse(f"webhooks:{action}", args=[crm.pk, admin_made.pk]))
        assert answer.status_code == 404, action
    assert WebhookEndpoint.objects.filter(pk=admin_made.pk, active=True).exists()


def test_switched_off_it_is_sent_nothing_new(client, demo, crm):
    client.force_login(demo["ceo"])
    add(client, crm)
    endpoint = WebhookEndpoint.objects.get(rollout=crm)
    client.post(reverse("webhooks:endpoint_active", args=[crm.pk, endpoint.pk]))
    endpoint.refresh_from_db()
    assert not endpoint.active
    answer = client.post(reverse("webhooks:endpoint_test", args=[crm.pk, endpoint.pk]))
    assert answer.status_code == 302 and not WebhookDelivery.objects.exists()


@pytest.mark.parametrize("endpoints", [1, 4])
def test_the_page_reads_the_same_queries_for_one_endpoint_as_for_four(
    client, demo, crm, receiver, endpoints
):
    for n in range(endpoints):
        made = endpoint_at(receiver, demo["ceo"], crm, f"/hook{n}")
        endpoint_test_send(by=demo["ceo"], endpoint=made)
    client.force_login(demo["ceo"])
    # The session, the person, the rollout, their permissions (once, for the page and its
    # tabs), the deliveries with their endpoints, the bell, My work's count, the endpoints.
    get_page(client, reverse("webhooks:endpoints", args=[crm.pk]), 8)


def test_the_page_speaks_chinese(client, demo, crm, settings):
    client.force_login(demo["ceo"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = client.get(reverse("webhooks:endpoints", args=[crm.pk])).content.decode()
    assert "添加端点" in page and "最近的投递" in page


def test_an_endpoints_state_reads_switched_on_or_off_in_chinese(client, demo, crm, settings):
    """ "on" alone is another app's word in the catalogue (a comment is *on* something):
    the badge's words carry a context of their own."""
    client.force_login(demo["ceo"])
    add(client, crm)
    endpoint = WebhookEndpoint.objects.get(rollout=crm)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = reverse("webhooks:endpoints", args=[crm.pk])
    shown = client.get(page).content.decode()
    assert "已启用" in shown and "对象类型" not in shown
    client.post(reverse("webhooks:endpoint_active", args=[crm.pk, endpoint.pk]))
    assert "已停用" in client.get(page).content.decode()


def test_a_port_no_connection_can_use_is_refused_by_the_form(client, demo, crm):
    client.force_login(demo["ceo"])
    answer = add(client, crm, url="https://hooks.example.com:99999/rollout")
    assert answer.status_code == 400
    assert "port must be a number from 1 to 65535" in answer.content.decode()
    assert not WebhookEndpoint.objects.exists()
