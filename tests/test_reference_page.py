"""The bench's reference page: 50 rows, nothing personal, and only where the bench turns it
on (it lists people across rollouts, which no real page does)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_is_a_404_unless_the_bench_turns_it_on(client, demo):
    client.force_login(demo["member1"])
    assert client.get(reverse("reference")).status_code == 404


def test_turned_on_it_renders_fifty_rows_without_e_mail_addresses(client, demo, settings):
    settings.ROLLOUT_REFERENCE_PAGE = True
    from tests.factories import UserFactory

    UserFactory.create_batch(55)
    client.force_login(demo["member1"])
    page = client.get(reverse("reference")).content.decode()
    assert page.count("<tr>") == 50
    assert "@" not in page
