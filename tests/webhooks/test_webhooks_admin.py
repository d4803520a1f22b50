"""What administrators do with webhooks in the admin: see a failed delivery's reason and try
it again now, and switch an endpoint off (through the service); never see a secret."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.webhooks.webhooks_data import endpoint_at
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.sending import deliveries_send
from webhooks.services import endpoint_test_send

pytestmark = pytest.mark.django_db


def test_a_failed_delivery_shows_its_reason_and_is_tried_again_now(client, receiver, demo, crm):
    endpoint = endpoint_at(receiver, demo["ceo"], crm, "/hook")
    receiver.answer("/hook", (500, {}, b"busy"))
    delivery = endpoint_test_send(by=demo["ceo"], endpoint=endpoint)
    deliveries_send(timezone.now())
    client.force_login(demo["admin"])
    changelist = reverse("admin:webhooks_webhookdelivery_changelist")
    assert "HTTP 500: busy" in client.get(changelist + "?state=failed").content.decode()
    client.post(changelist, {"action": "retry_now", "_selected_action": [delivery.pk]})
    assert deliveries_send(timezone.now()) == 1  # due at once, not in a minute


def test_the_admins_index_calls_failed_deliveries_deliveries_not_mail(client, receiver, demo, crm):
    endpoint = endpoint_at(receiver, demo["ceo"], crm, "/hook")
    receiver.answer("/hook", (500, {}, b"busy"))
    endpoint_test_send(by=demo["ceo"], endpoint=endpoint)
    deliveries_send(timezone.now())
    client.force_login(demo["admin"])
    page = client.get(reverse("admin:index")).content.decode()
    assert "1 webhook delivery failed (webhook deliveries); it is retried." in page
    assert "e-mail could not be sent (webhook deliveries)" not in page


def test_an_administrator_switches_an_endpoint_off_and_never_sees_its_secret(
    client, receiver, demo, crm
):
    endpoint = endpoint_at(receiver, demo["ceo"], crm, "/hook")
    client.force_login(demo["admin"])
    changelist = reverse("admin:webhooks_webhookendpoint_changelist")
    client.post(changelist, {"action": "switch_off", "_selected_action": [endpoint.pk]})
    assert not WebhookEndpoint.objects.get(pk=endpoint.pk).active
    page = client.get(reverse("admin:webhooks_webhookendpoint_change", args=[endpoint.pk]))
    assert endpoint.secret_sealed not in page.content.decode()
    assert receiver.secrets["/hook"] not in page.content.decode()
    assert WebhookDelivery.objects.count() == 0


def test_a_staff_member_who_does_not_manage_webhooks_is_told_so_not_served_an_error(
    client, receiver, demo, crm
):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    endpoint = endpoint_at(receiver, demo["ceo"], crm, "/hook")
    staff = UserFactory.create(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_webhookendpoint"))
    client.force_login(staff)
    changelist = reverse("admin:webhooks_webhookendpoint_changelist")
    answer = client.post(
        changelist, {"action": "switch_off", "_selected_action": [endpoint.pk]}, follow=True
    )
    assert answer.status_code == 200
    assert "Only the rollout&#x27;s executive manages its webhooks." in answer.content.decode()
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).active
