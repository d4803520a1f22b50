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


# --- what-if scenarios ---------------------------------------------------------------------
# The finance seat's question in the article: the effect of delays and changes. A scenario
# moves the base case; the period of the comparison stays the same (so a late go-live loses
# benefits at the end of it rather than moving it).


@dataclass(frozen=True)
class Scenario:
    delay_months: int = 0  # go-live this many months late
    implementation_percent: Decimal = Decimal("0")  # scope change on the implementation cost
    benefit_percent: Decimal = Decimal("0")  # scope change on the yearly benefit

    @property
    def is_base(self) -> bool:
        return not (self.delay_months or self.implementation_percent or self.benefit_percent)


@dataclass(frozen=True)
class Outcome:
    tco: Decimal
    npv: Decimal
    payback: Decimal | None  # years, one decimal; None: never within the period


def scenario_upfront(
    flows: CashFlows, scenario: Scenario, *, implementation: Decimal, monthly_internal: Decimal
) -> Decimal:
    """Year 0 under the scenario: the implementation part of the upfront cost (vendor fee
    and internal staff) moved by the scope change, and the internal staff paid for the
    months of delay on top."""
    scope = implementation * scenario.implementation_percent / 100
    return flows.upfront + scope + monthly_internal * scenario.delay_months


def scenario_benefits(flows: CashFlows, scenario: Scenario) -> list[Decimal]:
    """The benefit of each year 1..years: the yearly benefit moved by the scope change
    (never below zero), counted only for the months of the year after the go-live."""
    benefit = max(flows.yearly_benefit * (1 + scenario.benefit_percent / 100), Decimal("0"))
    return [
        benefit * max(0, min(12, 12 * year - scenario.delay_months)) / 12
        for year in range(1, flows.years + 1)
    ]


def scenario_outcome(
    flows: CashFlows, scenario: Scenario, *, implementation: Decimal, monthly_internal: Decimal
) -> Outcome:
    """TCO, NPV and payback of the base case moved by `scenario`. With no change at all it
    is exactly the base case (total_cost_of_ownership, net_present_value, payback_years)."""
    upfront = scenario_upfront(
        flows, scenario, implementation=implementation, monthly_internal=monthly_internal
    )
    nets = [benefit - flows.yearly_cost for benefit in scenario_benefits(flows, scenario)]
    rate = flows.discount_rate / 100
    npv = -upfront
    factor = Decimal("1")
    for net in nets:
        factor *= 1 + rate
        npv += net / factor
    tco = upfront + flows.yearly_cost * flows.years
    return Outcome(
        tco=tco.quantize(CENT, ROUND_HALF_UP),
        npv=npv.quantize(CENT, ROUND_HALF_UP),
        payback=uneven_payback(upfront, nets),
    )


def uneven_payback(upfront: Decimal, nets: list[Decimal]) -> Decimal | None:
    """Years (one decimal, undiscounted) until the net gains of each year repay `upfront`,
    a year's gain spread evenly over it; None when they never do within the years given."""
    if upfront <= 0:
        return Decimal("0.0")
    owed = upfront
    for year, net in enumerate(nets):
        if net > 0 and net >= owed:
            return (year + owed / net).quantize(Decimal("0.1"), ROUND_HALF_UP)
        owed -= net
    return None
