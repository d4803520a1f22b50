"""The Improve gate's criterion "every department's improvement backlog has no overdue item
and at least one done", read live from the backlogs."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gates.gate_template import PHASES
from gates.models import Gate
from gates.selectors.evidence_pack import evidence_pack
from tests.query_counts import get_cached_page
from tests.work.backlog_data import add_items
from work.improvement_services import improvement_status_set
from work.improvements import ImprovementItem

pytestmark = pytest.mark.django_db


def backlogs_state(rollout):
    pack = evidence_pack(gate=Gate.objects.get(rollout=rollout, key="improve"))
    return next(state for state in pack.criteria if state.criterion.kind == "backlogs_kept")


def test_the_improve_phase_carries_the_criterion():
    improve = next(phase for phase in PHASES if phase.key == "improve")
    assert "backlogs_kept" in [c.kind for c in improve.criteria]


def test_the_demo_falls_short_on_finance_s_overdue_item(crm):
    state = backlogs_state(crm)
    assert (state.met, state.detail) == (False, "Finance: 1 overdue")


def test_closing_the_overdue_item_and_finishing_one_meets_it(demo, crm):
    manager = demo["finance.manager"]
    overdue = ImprovementItem.objects.get(rollout=crm, department__code="finance", owner=manager)
    improvement_status_set(by=manager, item=overdue, status="done")
    assert backlogs_state(crm).met


def test_a_department_with_nothing_done_falls_short(demo, crm):
    ImprovementItem.objects.filter(rollout=crm, department__code="finance").update(
        due_date=timezone.localdate() + timedelta(days=5)
    )
    assert backlogs_state(crm).detail == "Finance: none done"


def test_a_newly_overdue_item_turns_it_back(demo, crm):
    manager = demo["finance.manager"]
    overdue = ImprovementItem.objects.get(rollout=crm, department__code="finance", owner=manager)
    improvement_status_set(by=manager, item=overdue, status="done")
    ImprovementItem.objects.filter(rollout=crm, department__code="it", status="open").update(
        due_date=timezone.localdate() - timedelta(days=1)
    )
    assert (backlogs_state(crm).met, backlogs_state(crm).detail) == (False, "IT: 1 overdue")


# The Improve gate's page; its backlog criterion is one query (the counts by department),
# whatever the number of items; the adoption criterion two (the measures, last month's values).
# + the rollout's data version, which keys the page cache; from the cache, only the page's
# own queries and the version are left.
IMPROVE_GATE_QUERIES = 36
IMPROVE_GATE_CACHED_QUERIES = 12


def test_the_improve_gate_page_keeps_a_fixed_query_count(client, demo, crm):
    url = reverse(
        "gates:gate_detail", args=[crm.pk, Gate.objects.get(rollout=crm, key="improve").pk]
    )
    client.force_login(demo["ceo"])
    counts = {"fresh": IMPROVE_GATE_QUERIES, "cached": IMPROVE_GATE_CACHED_QUERIES}
    add_items(crm, demo["member1"], 10)
    get_cached_page(client, url, rollout_id=crm.pk, **counts)
    add_items(crm, demo["member1"], 190)
    get_cached_page(client, url, rollout_id=crm.pk, **counts)
