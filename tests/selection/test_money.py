"""Cost-benefit arithmetic against a worked example computed by hand.

Upfront ¥100,000; licence ¥20,000 a year; benefit ¥60,000 a year; 3 years; 10 %.
Net each year: 60,000 - 20,000 = 40,000.
NPV = -100,000 + 40,000/1.1 + 40,000/1.21 + 40,000/1.331
    = -100,000 + 36,363.64 + 33,057.85 + 30,052.59 = -525.92
Payback = 100,000 / 40,000 = 2.5 years. TCO = 100,000 + 3 * 20,000 = 160,000.00."""

from decimal import Decimal

from selection.money import CashFlows, net_present_value, payback_years, total_cost_of_ownership

EXAMPLE = CashFlows(
    upfront=Decimal("100000"),
    yearly_cost=Decimal("20000"),
    yearly_benefit=Decimal("60000"),
    years=3,
    discount_rate=Decimal("10"),
)


def test_npv_matches_the_worked_example():
    assert net_present_value(EXAMPLE) == Decimal("-525.92")


def test_payback_matches_the_worked_example():
    assert payback_years(EXAMPLE) == Decimal("2.5")


def test_tco_matches_the_worked_example():
    assert total_cost_of_ownership(EXAMPLE) == Decimal("160000.00")


def test_money_stays_decimal():
    assert isinstance(net_present_value(EXAMPLE), Decimal)


def test_no_payback_when_the_benefit_never_covers_the_cost():
    losing = CashFlows(Decimal("1000"), Decimal("50"), Decimal("40"), 5, Decimal("8"))
    assert payback_years(losing) is None


def test_no_payback_beyond_the_period():
    slow = CashFlows(Decimal("1000"), Decimal("0"), Decimal("100"), 5, Decimal("8"))
    assert payback_years(slow) is None


def test_a_zero_rate_npv_is_the_plain_sum():
    flat = CashFlows(Decimal("100"), Decimal("10"), Decimal("60"), 4, Decimal("0"))
    assert net_present_value(flat) == Decimal("100.00")
