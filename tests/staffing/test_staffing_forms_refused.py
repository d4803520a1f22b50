"""Refused staffing forms stay open with what was typed: the change of hours refused for
over-commitment (the case that collapsed), a pull-back, a conflict, the end of a role."""

from datetime import timedelta

import pytest
from django.urls import reverse

from roles.models import RoleAssignment
from staffing.models import Commitment, CommitmentEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment(demo) -> Commitment:
    return Commitment.objects.get(person=demo["member1"])


def change(client, crm, commitment, **data):
    return client.post(reverse("staffing:commitment_change", args=[crm.pk, commitment.pk]), data)


def test_it_keeps_an_over_commitment_open_with_what_was_typed(client, demo, crm, commitment):
    client.force_login(demo["sales.manager"])
    from_date = str(commitment.start_date + timedelta(days=7))
    response = change(
        client, crm, commitment, hours_per_week="79.5", from_date=from_date, reason="Go-live"
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert f'<details id="change-{commitment.pk}" open>' in text
    assert f'id="change-error-{commitment.pk}"' in text
    assert 'value="79.5"' in text
    assert f'value="{from_date}"' in text
    assert 'value="Go-live"' in text
    assert not Commitment.objects.filter(replaces=commitment).exists()


def test_it_keeps_a_refused_change_open_when_the_form_itself_refuses(client, demo, crm, commitment):
    client.force_login(demo["sales.manager"])
    response = change(client, crm, commitment, hours_per_week="8", from_date="", reason="Go-live")
    text = response.content.decode()
    assert response.status_code == 400
    assert f'<details id="change-{commitment.pk}" open>' in text
    assert 'value="Go-live"' in text


def test_it_keeps_a_refused_pull_back_open_with_what_was_typed(client, demo, crm, commitment):
    client.force_login(demo["sales.manager"])
    url = reverse("staffing:commitment_pull_back", args=[crm.pk, commitment.pk])
    after_the_end = str(commitment.end_date + timedelta(days=30))
    response = client.post(url, {"from_date": after_the_end, "reason": "Needed in sales"})
    text = response.content.decode()
    assert response.status_code == 400
    assert f'<details id="change-{commitment.pk}" open>' in text
    assert f'id="pull-back-error-{commitment.pk}"' in text
    assert f'value="{after_the_end}"' in text
    assert 'value="Needed in sales"' in text


def test_it_keeps_a_refused_conflict_with_what_was_typed(client, demo, crm, commitment):
    client.force_login(demo["member1"])
    reason = "On leave " + "x" * 2000  # longer than a reason may be
    url = reverse("staffing:commitment_conflict", args=[crm.pk, commitment.pk])
    response = client.post(url, {"reason": reason})
    text = response.content.decode()
    assert response.status_code == 400
    assert f'id="conflict-error-{commitment.pk}"' in text
    assert f'value="{reason}"' in text
    assert not CommitmentEvent.objects.filter(commitment=commitment, kind="conflict").exists()


def test_it_says_what_an_empty_conflict_needs(client, demo, crm, commitment):
    client.force_login(demo["member1"])
    url = reverse("staffing:commitment_conflict", args=[crm.pk, commitment.pk])
    response = client.post(url, {"reason": " "})
    assert response.status_code == 400
    assert "Say what the conflict is" in response.content.decode()


def test_it_keeps_a_refused_end_of_role_with_what_was_typed(client, demo, crm):
    assignment = RoleAssignment.objects.get(rollout=crm, person=demo["member2"])
    client.force_login(demo["ceo"])
    reason = "Moved to the Shanghai office " + "x" * 300  # longer than 300 characters
    response = client.post(
        reverse("roles:team_end", args=[crm.pk, assignment.pk]), {"reason": reason}
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert f'id="end-error-{assignment.pk}"' in text
    assert f'value="{reason}"' in text
    assignment.refresh_from_db()
    assert assignment.is_active
