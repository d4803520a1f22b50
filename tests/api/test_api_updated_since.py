"""`updated_since` on the rollouts list sees every change the gate services make to a
rollout: a Go that moves it on, a Stop, and a change of mind that takes a Stop back (each
writes the rollout's status without a full save, so updated_at is written by hand)."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from gates import services
from gates.models import Gate
from gates.selectors.evidence_pack import evidence_pack
from rollout.models import Rollout
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


def decide(by, gate, outcome, **extra):
    gate.refresh_from_db()
    services.decision_record(
        by=by, gate=gate, outcome=outcome, reason="Compared on service now",
        evidence_fingerprint=evidence_pack(gate=gate).fingerprint,
        gate_version=gate.version, submission=uuid.uuid4(), **extra,
    )  # fmt: skip


def untouched_since_an_hour(rollout):
    """The rollout last changed an hour ago; the moment to ask from is now."""
    Rollout.objects.filter(pk=rollout.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    return timezone.now()


def updated_since(client, token, since):
    response = client.get("/api/rollouts/", {"updated_since": since.isoformat()}, **token)
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize("outcome", ["go", "stop"])
def test_a_decision_that_moves_the_rollout_shows_in_updated_since(
    client, demo, crm, token_for, outcome
):
    token = bearer(token_for(demo["ceo"]))
    since = untouched_since_an_hour(crm)
    assert crm.pk not in updated_since(client, token, since)
    decide(demo["ceo"], Gate.objects.get(rollout=crm, key="select"), outcome)
    assert crm.pk in updated_since(client, token, since)


def test_a_stop_taken_back_shows_in_updated_since(client, demo, crm, token_for):
    gate = Gate.objects.get(rollout=crm, key="select")
    decide(demo["ceo"], gate, "stop")
    token = bearer(token_for(demo["ceo"]))
    since = untouched_since_an_hour(crm)
    # A Hold instead of the Stop: the rollout is active again, its status written by _undo.
    decide(demo["ceo"], gate, "hold", decide_again_on=timezone.localdate() + timedelta(days=3))
    assert Rollout.objects.get(pk=crm.pk).status == "active"
    assert crm.pk in updated_since(client, token, since)
