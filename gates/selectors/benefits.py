"""Benefits realisation: what the rollout set out to gain beside what it gains. (a) Each
goal target's latest actual against its baseline and target (goals); (b) the finance seat's
expected yearly benefit of the chosen vendor (selection's cost-benefit: the vendor of the
selection gate's Go decision, else the selection team's recommendation) against the
realised yearly benefit the finance seat or the executive recorded (goals). It reads the
gates' decisions, so it lives here, above goals and selection."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from gates.decision_records import SELECTION_GATE
from gates.models import Decision
from goals import selectors as goal_selectors
from goals.models import RealisedBenefit
from rollout.models import Rollout
from selection.models import CostBenefit, Vendor
from selection.selectors import recommendation_for_rollout


@dataclass
class BenefitComparison:
    vendor: Vendor | None
    # Where the vendor comes from: "decision" (the selection gate's Go), "recommendation".
    chosen_by: str
    expected: Decimal | None
    realised: list[RealisedBenefit]

    @property
    def latest(self) -> RealisedBenefit | None:
        return self.realised[-1] if self.realised else None

    @property
    def gap(self) -> Decimal | None:
        """Realised minus expected: below zero, the rollout falls short of the case made."""
        if self.latest is None or self.expected is None:
            return None
        return self.latest.yearly_amount - self.expected

    @property
    def share(self) -> int | None:
        """The realised benefit as a percentage of the expected one."""
        if self.latest is None or not self.expected:
            return None
        share = self.latest.yearly_amount / self.expected * 100
        return int(share.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


@dataclass
class BenefitsRealisation:
    targets: list[goal_selectors.TargetRow]
    money: BenefitComparison


def chosen_vendor(*, rollout: Rollout) -> tuple[Vendor | None, str]:
    """The vendor the executive chose at the selection gate (the latest Go naming one), else
    the one the selection team recommends."""
    decision = (
        Decision.objects.filter(
            gate__rollout=rollout, gate__key=SELECTION_GATE, vendor__isnull=False
        )
        .filter(Q(outcome=Decision.Outcome.GO) | Q(outcome=Decision.Outcome.GO_WITH_CONDITIONS))
        .select_related("vendor")
        .order_by("-created_at", "-pk")
        .first()
    )
    if decision is not None and decision.vendor is not None:
        return decision.vendor, "decision"
    recommended = recommendation_for_rollout(rollout=rollout)
    if recommended is None or recommended.vendor_id is None:
        return None, ""
    return Vendor.objects.get(pk=recommended.vendor_id), "recommendation"


def benefits_realisation(*, rollout: Rollout) -> BenefitsRealisation:
    vendor, chosen_by = chosen_vendor(rollout=rollout)
    expected = None
    if vendor is not None:
        expected = (
            CostBenefit.objects.filter(vendor=vendor)
            .values_list("yearly_benefit", flat=True)
            .first()
        )
    realised = list(
        RealisedBenefit.objects.filter(rollout=rollout)
        .select_related("recorded_by")
        .order_by("as_of")
    )
    return BenefitsRealisation(
        targets=goal_selectors.targets_of_rollout(rollout=rollout),
        money=BenefitComparison(vendor, chosen_by, expected, realised),
    )
