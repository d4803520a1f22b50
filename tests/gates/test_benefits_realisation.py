"""Benefits realisation: the expected yearly benefit is the one of the vendor chosen at the
selection gate (else the one the selection team recommends), set beside the latest
realised estimate; the goal's targets come with their latest actual."""

from decimal import Decimal

import pytest
from django.utils import timezone

from gates.selectors.benefits import benefits_realisation, chosen_vendor
from goals.adoption import benefit_record
from goals.adoption_chart import adoption_chart
from selection.models import CostBenefit
from tests.gates.decision_data import other_vendor, recommended_vendor_id
from tests.gates.test_decision_record_pages import decide, gate_of

pytestmark = pytest.mark.django_db


def test_before_a_decision_the_recommended_vendor_is_compared(crm):
    vendor, chosen_by = chosen_vendor(rollout=crm)
    assert (vendor.pk if vendor else None, chosen_by) == (
        recommended_vendor_id(crm),
        "recommendation",
    )


def test_the_vendor_chosen_at_the_selection_gate_is_compared(client, demo, crm):
    other = other_vendor(crm)
    CostBenefit.objects.update_or_create(
        vendor=other, defaults={"yearly_benefit": Decimal("500000")}
    )
    client.force_login(demo["ceo"])
    decide(client, crm, gate_of(crm, "select"), outcome="go", vendor=other.pk,
           vendor_reason="Their service team is local")  # fmt: skip
    money = benefits_realisation(rollout=crm).money
    assert (money.vendor, money.chosen_by, money.expected) == (other, "decision", Decimal("500000"))


def test_the_latest_estimate_gives_the_gap_and_the_share(demo, crm):
    benefit_record(by=demo["ceo"], rollout=crm, yearly_amount=Decimal("990000"),
                   as_of=timezone.localdate())  # fmt: skip
    money = benefits_realisation(rollout=crm).money
    assert (money.gap, money.share) == (Decimal("90000"), 110)


def test_without_an_estimate_there_is_no_gap(crm):
    crm.realised_benefits.all().delete()
    money = benefits_realisation(rollout=crm).money
    assert (money.latest, money.gap, money.share) == (None, None, None)


def test_the_targets_come_with_their_latest_actual(crm):
    targets = benefits_realisation(rollout=crm).targets
    assert [row.latest is not None for row in targets] == [True, True, True]


def test_the_chart_draws_a_line_per_department_and_skips_unrecorded_months():
    chart = adoption_chart(
        target=Decimal("100"), months=3,
        lines=[[Decimal("0"), Decimal("50"), Decimal("100")], [None, Decimal("50"), None]],
    )  # fmt: skip
    assert chart.lines[0].points == "0.0,102.0 150.0,55.0 300.0,8.0"
    assert (chart.lines[1].points, chart.target_y) == ("150.0,55.0", 8.0)
