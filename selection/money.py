"""Cost-benefit arithmetic in exact decimals: total cost of ownership, net present value
at a discount rate, and the payback period. No float anywhere."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class CashFlows:
    upfront: Decimal  # year 0: implementation, training, hardware, internal staff
    yearly_cost: Decimal  # licence or subscription, each year
    yearly_benefit: Decimal
    years: int
    discount_rate: Decimal  # percent, e.g. 8 for 8 %


def total_cost_of_ownership(flows: CashFlows) -> Decimal:
    return (flows.upfront + flows.yearly_cost * flows.years).quantize(CENT, ROUND_HALF_UP)


def net_present_value(flows: CashFlows) -> Decimal:
    """-upfront + Σ (benefit - cost) / (1 + r)^t for t = 1..years."""
    rate = flows.discount_rate / 100
    net = flows.yearly_benefit - flows.yearly_cost
    value = -flows.upfront
    factor = Decimal("1")
    for _year in range(flows.years):
        factor *= 1 + rate
        value += net / factor
    return value.quantize(CENT, ROUND_HALF_UP)


def payback_years(flows: CashFlows) -> Decimal | None:
    """Years (to one decimal, undiscounted) until the yearly net gains repay the upfront
    cost; None when they never do within the period."""
    net = flows.yearly_benefit - flows.yearly_cost
    if flows.upfront <= 0:
        return Decimal("0.0")
    if net <= 0:
        return None
    years = flows.upfront / net
    if years > flows.years:
        return None
    return years.quantize(Decimal("0.1"), ROUND_HALF_UP)
