"""The web request that records a decision sends nothing (it writes the outbox row); the
dispatcher of the worker sends the mail afterwards."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from gates.models import DecisionMailing, Gate
from gates.selectors.evidence_pack import evidence_pack
from tests.mail.mail_data import dispatch, nothing_else_waiting
from tests.smtp_server import SmtpServer

pytestmark = pytest.mark.django_db


def test_recording_a_decision_mails_nothing_until_the_dispatcher_runs(
    client, demo, crm, smtp_server: SmtpServer
):
    nothing_else_waiting()
    gate = Gate.objects.get(rollout=crm, key="select")
    client.force_login(demo["ceo"])
    response = client.post(
        reverse("gates:gate_decide", args=[crm.pk, gate.pk]),
        {
            "outcome": "go",
            "reason": "The evidence holds.",
            "gate_version": str(gate.version),
            "evidence_fingerprint": evidence_pack(gate=gate).fingerprint,
            "submission": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    assert smtp_server.messages == []
    assert DecisionMailing.objects.filter(sent_at__isnull=True).count() == 1
    assert dispatch(timezone.now()) == 1
    assert len(smtp_server.messages) == 2  # the English readers' and the Chinese readers'
