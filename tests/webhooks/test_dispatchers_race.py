"""Two dispatchers at once, each on its own connection (real PostgreSQL): every delivery
reaches the receiver exactly once."""

import pytest
from django.conf import settings
from django.utils import timezone

from tests.races import run_together
from tests.webhooks.webhooks_data import endpoint_at
from webhooks.sending import deliveries_send
from webhooks.services import endpoint_test_send

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="concurrent connections need PostgreSQL (CI runs these on it)",
    ),
]


def test_two_dispatchers_at_once_post_each_delivery_once(receiver, demo, crm):
    endpoint = endpoint_at(receiver, demo["ceo"], crm, "/hook")
    deliveries = [endpoint_test_send(by=demo["ceo"], endpoint=endpoint) for _ in range(30)]
    now = timezone.now()
    sent = run_together(lambda: deliveries_send(now), lambda: deliveries_send(now))
    assert sum(sent) == 30
    got = sorted(r.headers["webhook-id"] for r in receiver.taken("/hook"))
    assert got == sorted(str(d.event_id) for d in deliveries)
