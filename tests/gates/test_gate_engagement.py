"""A decision left waiting is visible and chased; decisions are mailed once with the
brief; every change is in the history."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from demo.keys import demo_task
from gates.decision_mail import decisions_mail
from gates.models import DecisionMailing, Gate
from notifications.models import Reminder
from notifications.services.sweep import reminders_sweep
from tests.query_counts import get_cached_page, get_page
from tests.work.work_data import add_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def gate(crm) -> Gate:
    return Gate.objects.get(rollout=crm, key="select")


def age(gate: Gate, days: int) -> None:
    Gate.objects.filter(pk=gate.pk).update(opened_at=timezone.now() - timedelta(days=days))


def test_everyone_sees_the_waiting_gate_on_their_home_page(client, demo, gate):
    client.force_login(demo["member1"])
    assert "Select the system" in client.get("/").content.decode()


def test_a_gate_waiting_past_the_limit_reminds_the_executive(demo, gate):
    age(gate, 10)  # about 7 working days; the limit is 5
    reminders_sweep()
    reminder = Reminder.objects.get(kind="gate_waiting", level=0)
    assert reminder.recipient == demo["ceo"]


def test_twice_the_limit_reaches_the_sponsor(demo, gate, crm):
    crm.sponsor = demo["sel.senior"]
    crm.save()
    age(gate, 20)
    reminders_sweep()
    assert Reminder.objects.filter(
        kind="gate_waiting", level=2, recipient=demo["sel.senior"]
    ).exists()


def test_without_a_sponsor_the_administrators_are_told(demo, gate):
    age(gate, 20)
    reminders_sweep()
    assert Reminder.objects.filter(kind="gate_waiting", level=2, recipient=demo["admin"]).exists()


def test_a_fresh_gate_reminds_nobody(demo, gate):
    age(gate, 0)
    reminders_sweep()
    assert not Reminder.objects.filter(kind="gate_waiting").exists()


def test_an_overdue_condition_reminds_its_owner(demo, crm):
    # Conditions are written once, so rather than back-dating one, sweep as of a later day.
    reminders_sweep(now=timezone.now() + timedelta(days=20))
    assert Reminder.objects.filter(
        kind="condition_overdue", recipient=demo["sales.manager"]
    ).exists()


def test_each_decision_is_mailed_once_with_the_brief(demo, crm):
    mail.outbox.clear()
    decisions_mail()
    decisions_mail()
    first = mail.outbox[0]
    assert DecisionMailing.objects.filter(sent_at__isnull=False).count() == 4
    assert first.attachments[0][2] == "application/pdf"
    # The CRM's two decisions, each to English and Chinese readers; the after-sales pilot's
    # two, each to its English readers only.
    assert len(mail.outbox) == 2 * 2 + 2 * 1


def test_the_history_shows_who_changed_what(client, demo, crm):
    from work import services as work

    task = demo_task(crm, "customer_fields")
    work.task_claim_done(by=demo["member1"], task=task)
    client.force_login(demo["ceo"])
    text = client.get(reverse("gates:history", args=[crm.pk])).content.decode()
    assert task.title in text
    # The statuses as people read them (the history showed the stored values before).
    assert "<del>Open</del> → <ins>Claimed done</ins>" in text


@pytest.mark.parametrize(("page", "expected"), [("gates:gates", 9), ("gates:history", 21)])
def test_gate_pages_keep_a_fixed_query_count(client, demo, crm, page, expected):
    url = reverse(page, args=[crm.pk])
    client.force_login(demo["ceo"])
    add_tasks(crm, demo["member1"], 10)
    get_page(client, url, expected)
    add_tasks(crm, demo["member1"], 200)
    get_page(client, url, expected)


# 28 for the pack and the page; 5 for the success formula's figures beyond the pack (the
# selection's results in four; the conditions still open, the four-qualities reviews, the
# overdue mitigations and the vendor chosen at the gate in one); 3
# the risk register's (the open high risks, when the previous gate was decided, the
# review since).
# + the tasks each decision sent back to redo, and the decision form's choices: the phases
# and the done tasks a Recycle may name, the vendors at the selection gate (4).
# + the rollout's data version, which keys the page cache (rollout/page_cache.py).
# The people offered as condition owners (three selects) and as a criterion's confirmer
# are read once for the four (gates/forms.py), not once a select: 41 before.
EVIDENCE_PACK_QUERIES = 38
# The same page with the pack and the success figures read from the page cache: what is
# left is the page's own (the session, the person, the gate, the access, the layout, the
# forms' choices, the discussion) and the data version.
EVIDENCE_PACK_CACHED_QUERIES = 15  # 18 before the people were read once


def test_the_evidence_pack_keeps_a_fixed_query_count(client, demo, crm, gate):
    url = reverse("gates:gate_detail", args=[crm.pk, gate.pk])
    client.force_login(demo["ceo"])
    counts = {"fresh": EVIDENCE_PACK_QUERIES, "cached": EVIDENCE_PACK_CACHED_QUERIES}
    add_tasks(crm, demo["member1"], 10)
    get_cached_page(client, url, rollout_id=crm.pk, **counts)
    add_tasks(crm, demo["member1"], 200)
    get_cached_page(client, url, rollout_id=crm.pk, **counts)


def test_the_rollout_page_shows_how_long_each_decision_waited(client, demo, crm):
    client.force_login(demo["member1"])
    text = client.get(reverse("gates:rollout_detail", args=[crm.pk])).content.decode()
    assert 'id="past-decisions"' in text
    assert "waited 9.0 days" in text  # the demo's adoption gate opened nine days before
