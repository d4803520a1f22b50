"""Delay and scope-change scenarios against figures worked out by hand.

BASE: upfront ¥100,000 (of which ¥80,000 implementation: fee and internal staff), licence
¥20,000 a year, benefit ¥60,000 a year, 3 years, no discounting (so the sums are plain).
Base: TCO 160,000; NPV -100,000 + 3 x 40,000 = 20,000; payback 100,000 / 40,000 = 2.5."""

from decimal import Decimal

import pytest

from selection.money import (
    CashFlows,
    Outcome,
    Scenario,
    net_present_value,
    payback_years,
    scenario_benefits,
    scenario_outcome,
    total_cost_of_ownership,
    uneven_payback,
)

BASE = CashFlows(Decimal("100000"), Decimal("20000"), Decimal("60000"), 3, Decimal("0"))
IMPLEMENTATION = Decimal("80000")
MONTHLY_INTERNAL = Decimal("1000")


def outcome(flows: CashFlows, scenario: Scenario) -> Outcome:
    return scenario_outcome(
        flows, scenario, implementation=IMPLEMENTATION, monthly_internal=MONTHLY_INTERNAL
    )


def test_no_change_is_the_base_case():
    assert outcome(BASE, Scenario()) == Outcome(
        Decimal("160000.00"), Decimal("20000.00"), Decimal("2.5")
    )


@pytest.mark.parametrize(
    "flows",
    [
        BASE,
        CashFlows(Decimal("100000"), Decimal("20000"), Decimal("60000"), 3, Decimal("10")),
        CashFlows(Decimal("1000"), Decimal("50"), Decimal("40"), 5, Decimal("8")),
        CashFlows(Decimal("0"), Decimal("10"), Decimal("60"), 4, Decimal("3.5")),
    ],
)
def test_no_change_agrees_with_the_base_functions(flows):
    assert outcome(flows, Scenario()) == Outcome(
        total_cost_of_ownership(flows), net_present_value(flows), payback_years(flows)
    )


def test_a_six_month_delay_halves_the_first_years_benefit():
    assert scenario_benefits(BASE, Scenario(delay_months=6)) == [
        Decimal("30000"), Decimal("60000"), Decimal("60000"),
    ]  # fmt: skip


def test_a_six_month_delay_costs_internal_staff_and_the_payback():
    # Upfront 100,000 + 6 x 1,000 = 106,000; nets 10,000, 40,000, 40,000.
    # NPV -106,000 + 90,000 = -16,000; TCO 106,000 + 60,000; never repaid in 3 years.
    assert outcome(BASE, Scenario(delay_months=6)) == Outcome(
        Decimal("166000.00"), Decimal("-16000.00"), None
    )


def test_a_smaller_delay_moves_the_payback_later():
    # Upfront 103,000; nets 25,000 (3 months live), 40,000, 40,000: owed 38,000 in
    # year 3, 2 + 38,000 / 40,000 = 2.95 -> 3.0.
    assert outcome(BASE, Scenario(delay_months=3)).payback == Decimal("3.0")


def test_a_scope_change_moves_implementation_and_benefit():
    # +10 % of 80,000 -> upfront 108,000; benefit -25 % -> 45,000, nets 25,000 a year.
    # NPV -108,000 + 75,000 = -33,000; TCO 108,000 + 60,000; 108,000/25,000 > 3: never.
    scenario = Scenario(implementation_percent=Decimal("10"), benefit_percent=Decimal("-25"))
    assert outcome(BASE, scenario) == Outcome(Decimal("168000.00"), Decimal("-33000.00"), None)


def test_a_cheaper_scope_pays_back_sooner():
    # -50 % of 80,000 -> upfront 60,000; nets 40,000: 1.5 years.
    assert outcome(BASE, Scenario(implementation_percent=Decimal("-50"))).payback == Decimal("1.5")


def test_a_delay_is_discounted_year_by_year():
    # Upfront 1,000, benefit 1,100 in year 2 only (12 months late, no internal staff): NPV
    # -1,000 + 1,100 / 1.21 = -90.91; payback 1 + 1,000 / 1,100 = 1.9.
    flows = CashFlows(Decimal("1000"), Decimal("0"), Decimal("1100"), 2, Decimal("10"))
    result = scenario_outcome(
        flows, Scenario(delay_months=12), implementation=Decimal("0"), monthly_internal=Decimal("0")
    )
    assert (result.npv, result.payback) == (Decimal("-90.91"), Decimal("1.9"))


def test_zero_benefit_never_pays_back():
    flows = CashFlows(Decimal("500"), Decimal("100"), Decimal("0"), 3, Decimal("0"))
    assert outcome(flows, Scenario(benefit_percent=Decimal("50"))) == Outcome(
        Decimal("800.00"), Decimal("-800.00"), None
    )


def test_a_delay_longer_than_the_period_leaves_no_benefit():
    assert scenario_benefits(BASE, Scenario(delay_months=48)) == [Decimal("0")] * 3


def test_a_benefit_cut_below_minus_100_percent_is_no_benefit_not_a_cost():
    assert scenario_benefits(BASE, Scenario(benefit_percent=Decimal("-150"))) == [Decimal("0")] * 3


def test_nothing_upfront_is_paid_back_at_once():
    assert uneven_payback(Decimal("0"), [Decimal("-5")]) == Decimal("0.0")


def test_a_loss_in_an_early_year_is_repaid_first():
    # Owed 100, then 150 after a year losing 50; repaid by 200 in year 2: 1 + 150/200.
    assert uneven_payback(Decimal("100"), [Decimal("-50"), Decimal("200")]) == Decimal("1.8")


def test_the_base_case_is_marked_as_such():
    assert (Scenario().is_base, Scenario(delay_months=1).is_base) == (True, False)
