"""My work's gates and conditions: a gate waits on the rollout's executive only, a condition
on its owner only; each leaves the list as soon as it is done, and its reminder's
notification is resolved in the same step."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.waiting import waiting_for
from gates import services as gates
from gates.models import Gate
from tests.notifications.test_notifications_resolved import (
    conditional_go,
    decide,
    is_resolved,
    sent,
)
from tests.waiting_items import waiting

pytestmark = pytest.mark.django_db


@pytest.fixture
def select_gate(crm) -> Gate:
    return Gate.objects.get(rollout=crm, key="select")


def test_a_gate_waits_on_the_executive_only(demo, select_gate):
    assert waiting(demo["ceo"], "gate") == [select_gate.name]
    for name in ("sales.manager", "member1", "sel.it", "pilot.lead", "admin"):
        assert select_gate.name not in waiting(demo[name], "gate"), name


def test_a_decided_gate_leaves_at_once_and_its_reminder_is_resolved(demo, select_gate):
    Gate.objects.filter(pk=select_gate.pk).update(opened_at=timezone.now() - timedelta(days=60))
    notification = sent(f"gate_waiting:{select_gate.pk}", demo["ceo"])
    decide(demo, select_gate, "go")
    assert select_gate.name not in waiting(demo["ceo"], "gate")
    assert is_resolved(notification)


def test_a_held_gate_waits_to_be_decided_again_on_its_day(demo, select_gate):
    on = timezone.localdate() + timedelta(days=3)
    decide(demo, select_gate, "hold", decide_again_on=on)
    [item] = [i for i in waiting_for(demo["ceo"]) if i.kind == "gate"]
    assert (item.action, item.due) == ("Decide again at the gate", on)


def test_a_condition_waits_on_its_owner_only(demo, select_gate):
    conditional_go(demo, select_gate)
    assert "Sign the DPA" in waiting(demo["sales.manager"], "condition")
    assert "Sign the DPA" not in waiting(demo["ceo"], "condition")


def test_a_condition_met_leaves_at_once_and_its_reminder_is_resolved(demo, select_gate):
    condition = conditional_go(demo, select_gate)
    notification = sent(f"condition_due:{condition.pk}", demo["sales.manager"])
    gates.condition_met(by=demo["sales.manager"], condition=condition, note="Signed.")
    assert "Sign the DPA" not in waiting(demo["sales.manager"], "condition")
    assert is_resolved(notification)


def test_a_superseded_decisions_condition_leaves(demo, select_gate):
    conditional_go(demo, select_gate)
    decide(demo, select_gate, "hold", decide_again_on=timezone.localdate() + timedelta(days=3))
    assert "Sign the DPA" not in waiting(demo["sales.manager"], "condition")
