"""The gates' dates count in the calendar warning (registered with rollout's calendar_gaps):
a condition not met yet, due past what the calendar knows, is a gap; one met is not."""

from datetime import timedelta

import pytest

from gates.models import ConditionMet, Decision, DecisionCondition
from rollout.selectors.calendar_gaps import calendar_gaps
from tests.rollout.test_calendar_pages import covered

pytestmark = pytest.mark.django_db


def runs_until(rollout):
    gap = calendar_gaps(rollout_ids=[rollout.pk]).get(rollout.pk)
    return gap and gap.runs_until


def a_condition_due(demo, crm, due):
    # Conditions are written once (no UPDATE): a new one on a decision of the demo.
    decision = Decision.objects.filter(gate__rollout=crm).earliest("pk")
    return DecisionCondition.objects.create(
        decision=decision, text="Train the call centre", owner=demo["ceo"], due_date=due
    )


def test_a_condition_not_met_running_past_the_calendar_is_a_gap(demo, crm):
    later = covered(crm) + timedelta(days=30)
    a_condition_due(demo, crm, later)
    assert runs_until(crm) == later


def test_a_condition_met_is_no_gap(demo, crm):
    later = covered(crm) + timedelta(days=30)
    ConditionMet.objects.create(condition=a_condition_due(demo, crm, later), by=demo["ceo"])
    assert runs_until(crm) is None
