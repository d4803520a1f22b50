"""Recording a gate decision (the executive's POST) is a save of issue #17. Pinned at its
count, which is above the target of 10: the decision is checked against the evidence the
executive saw and its brief written from that same evidence in the same transaction; what
each query is for is in docs/performance.md ("Saves")."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gates.models import Decision, DecisionBrief, DecisionMailing, Gate
from notifications.services.sweep import reminders_sweep
from tests.gates.test_decision_record_pages import posted
from tests.query_counts import exactly

pytestmark = pytest.mark.django_db

# Session, person, rollout, the gate, the executive's role; the submission looked up, the
# gate locked, its latest decision; the rollout's data version (the evidence pack the page
# showed comes from the page cache; computing it again would be 18 queries); the decision,
# the gate moved on and its history row; the brief's decisions and success figures (8),
# the two briefs, the mailing (outbox), the chat channels (outbox), the gate's reminders
# withdrawn (2), the webhook endpoints (outbox); the next open gate for the message.
# Savepoints are not counted (as in scripts/bench.py).
DECISION_QUERIES = 27


@pytest.fixture
def decided(client, demo, crm):
    gate = Gate.objects.get(rollout=crm, key="select")
    reminders_sweep()
    client.force_login(demo["ceo"])
    again = timezone.localdate() + timedelta(days=7)
    data = posted(gate, outcome="hold", decide_again_on=str(again))
    client.get(reverse("gates:gate_detail", args=[crm.pk, gate.pk]))  # the session's first
    url = reverse("gates:gate_decide", args=[crm.pk, gate.pk])
    with exactly(DECISION_QUERIES, savepoints=False):
        response = client.post(url, data)
    assert response.status_code == 302
    return gate


def test_it_records_the_decision_with_its_briefs_and_mailing(decided):
    decision = Decision.objects.filter(gate=decided).latest("created_at")
    assert decision.outcome == "hold"
    assert DecisionBrief.objects.filter(decision=decision).count() == 2
    assert DecisionMailing.objects.filter(decision=decision).exists()


def test_the_next_read_of_the_gate_shows_it_held(decided, client, crm):
    page = client.get(reverse("gates:gate_detail", args=[crm.pk, decided.pk]), follow=True)
    assert Gate.objects.get(pk=decided.pk).status == "held"
    assert "Hold" in page.content.decode()


def test_evidence_changed_after_the_page_was_cached_is_refused(client, demo, crm):
    """The pack comes from the page cache: a task verified after the executive opened the
    page changes the rollout's version, so the decision misses the page's entry, computes
    the pack again and refuses the old fingerprint."""
    from tests.gates.test_gates import services_work_verify

    gate = Gate.objects.get(rollout=crm, key="select")
    client.force_login(demo["ceo"])
    page = reverse("gates:gate_detail", args=[crm.pk, gate.pk])
    client.get(page)  # the pack the executive sees, now in the cache
    data = posted(gate, outcome="hold", decide_again_on=str(timezone.localdate() + timedelta(7)))
    services_work_verify(demo, crm.tasks.filter(status="claimed").first())
    before = Decision.objects.filter(gate=gate).count()
    url = reverse("gates:gate_decide", args=[crm.pk, gate.pk])
    response = client.post(url, data, follow=True)
    assert "The evidence changed since you opened the page" in response.content.decode()
    assert Decision.objects.filter(gate=gate).count() == before
