"""Reads of the selection: who may see what, the results (weighted totals, each seat's
view, disagreement, price sensitivity), the cost-benefit figures and the recommendation
that feeds the selection gate. Fixed numbers of queries."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from core.views import posted_id
from roles import selectors as role_selectors
from roles.models import Department, Role, RoleAssignment, Seat, User
from rollout.models import Rollout
from selection import policies
from selection.models import (
    CostBenefit,
    Criterion,
    CriterionChange,
    DepartmentRate,
    DepartmentRateChange,
    Dimension,
    NegotiationEntry,
    Recommendation,
    Score,
    ScoreChange,
    Submission,
    Vendor,
    Weighting,
)
from selection.money import (
    CashFlows,
    Outcome,
    Scenario,
    net_present_value,
    payback_years,
    scenario_outcome,
    total_cost_of_ownership,
)
from staffing.models import Commitment

ZERO = Decimal("0")


@dataclass(frozen=True)
class SelectionRecommendation:
    vendor: str
    reasoning: str
    recommended_by: str
    vendor_id: int | None = None  # the selection gate's decision preselects it


def recommendation_for_rollout(*, rollout: Rollout) -> SelectionRecommendation | None:
    latest = (
        Recommendation.objects.filter(rollout=rollout)
        .select_related("vendor", "by")
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest is None:
        return None
    return SelectionRecommendation(
        latest.vendor.name, latest.reasoning, str(latest.by), vendor_id=latest.vendor_id
    )


def seat_holders(rollout: Rollout) -> dict[str, list[int]]:
    holders: dict[str, list[int]] = defaultdict(list)
    for seat, person in (
        RoleAssignment.objects.active()
        .filter(rollout=rollout, role=Role.SELECTOR)
        .values_list("seat", "person_id")
    ):
        holders[seat].append(person)
    return holders


def submitted_members(rollout: Rollout) -> set[int]:
    return set(
        Submission.objects.filter(rollout=rollout, reopened_at__isnull=True).values_list(
            "member_id", flat=True
        )
    )


def scoring_closed(rollout: Rollout) -> bool:
    """Every seat is filled and everyone in a seat has submitted."""
    holders = seat_holders(rollout)
    if any(not holders[seat.value] for seat in Seat):
        return False
    everyone = {p for people in holders.values() for p in people}
    return everyone <= submitted_members(rollout)


def may_see_results(user: object, rollout: Rollout) -> bool:
    """Scores, and every figure made of them (totals, each seat's view, the spread, the
    exports), are seen by nobody until scoring has closed: not by a seat that has
    submitted, who could otherwise have a colleague's scores reopened to move the result,
    nor by the executive. Then by everyone who may open the rollout (the caller resolved
    it through its access helper)."""
    return scoring_closed(rollout)


@dataclass
class VendorResult:
    vendor: Vendor
    by_dimension: dict[str, Decimal]  # average score 1-5
    by_seat: dict[str, Decimal]
    total: Decimal  # 0-100


@dataclass
class Disagreement:
    """Members scoring the same vendor on the same dimension from different seats."""

    vendor: Vendor
    dimension: str
    low: Decimal
    high: Decimal

    @property
    def spread(self) -> Decimal:
        return self.high - self.low

    @property
    def label(self) -> str:
        return str(Dimension(self.dimension).label)


@dataclass
class Results:
    vendors: list[VendorResult]
    disagreements: list[Disagreement]
    sensitivity: str


def _total(by_dimension: dict[str, Decimal], weights: dict[str, Decimal]) -> Decimal:
    return sum((weights[d] * by_dimension.get(d, ZERO) / 5 for d in weights), ZERO).quantize(
        Decimal("0.1")
    )


def results(*, rollout: Rollout) -> Results:
    """Weighted totals from the standing submissions' scores: within a dimension each
    criterion counts by its weight, then the dimensions by the senior seat's. Three queries."""
    weighting = weighting_of_rollout(rollout=rollout)
    weights = {d.value: Decimal(weighting.weight(d.value)) for d in Dimension}
    vendors = list(Vendor.objects.filter(rollout=rollout))
    counted = submitted_members(rollout)
    scores = list(
        Score.objects.filter(vendor__rollout=rollout, member_id__in=counted).select_related(
            "criterion"
        )
    )
    # Each score with its criterion's weight within the dimension.
    per_dimension: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)
    per_seat: dict[tuple[int, str], list[int]] = defaultdict(list)
    per_member: dict[tuple[int, str], dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for s in scores:
        per_dimension[(s.vendor_id, s.criterion.dimension)].append((s.score, s.criterion.weight))
        per_seat[(s.vendor_id, s.criterion.seat)].append(s.score)
        per_member[(s.vendor_id, s.criterion.dimension)][s.member_id].append(s.score)
    rows = []
    for vendor in vendors:
        by_dimension = {
            d.value: _weighted_mean(per_dimension[(vendor.pk, d.value)])
            for d in Dimension
            if per_dimension[(vendor.pk, d.value)]
        }
        by_seat = {
            seat.value: _mean(per_seat[(vendor.pk, seat.value)])
            for seat in Seat
            if per_seat[(vendor.pk, seat.value)]
        }
        rows.append(VendorResult(vendor, by_dimension, by_seat, _total(by_dimension, weights)))
    rows.sort(key=lambda r: r.total, reverse=True)
    by_vendor = {v.pk: v for v in vendors}
    spreads = []
    for (v, dimension), members in per_member.items():
        means = [_mean(x) for x in members.values()]
        if max(means) > min(means):  # members who agree do not disagree
            spreads.append(Disagreement(by_vendor[v], dimension, min(means), max(means)))
    disagreements = sorted(spreads, key=lambda d: d.spread, reverse=True)[:10]
    return Results(rows, disagreements, price_sensitivity(rows, weights))


def _mean(values: list[int]) -> Decimal:
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01"))


def _weighted_mean(pairs: list[tuple[int, int]]) -> Decimal:
    """The mean of (score, weight) pairs, each score counted `weight` times."""
    total = sum(score * weight for score, weight in pairs)
    return (Decimal(total) / sum(weight for _score, weight in pairs)).quantize(Decimal("0.01"))


def price_sensitivity(rows: list[VendorResult], weights: dict[str, Decimal]) -> str:
    """How far the price weight would have to move (the others scaled to keep 100 %) for
    another vendor to come first."""
    from django.utils.translation import gettext as _

    if len(rows) < 2:
        return _("Needs at least two vendors.")
    leader = rows[0].vendor.pk
    price = weights["price"]
    others = {d: w for d, w in weights.items() if d != "price"}
    others_total = sum(others.values(), ZERO) or Decimal("1")
    for step in range(1, 101):
        for sign in (1, -1):
            new_price = price + sign * step
            if not 0 <= new_price <= 100:
                continue
            scale = (100 - new_price) / others_total
            moved = {**{d: w * scale for d, w in others.items()}, "price": new_price}
            best = max(rows, key=lambda r: _total(r.by_dimension, moved))
            if best.vendor.pk != leader:
                direction = _("rise") if sign > 0 else _("fall")
                return _(
                    "The price weight would have to %(direction)s by %(points)s points "
                    "(to %(weight)s %%) for %(vendor)s to come first."
                ) % {
                    "direction": direction,
                    "points": step,
                    "weight": new_price,
                    "vendor": best.vendor.name,
                }
    return _("No price weight from 0 to 100 %% changes the first place.") % {}


@dataclass
class CostBenefitRow:
    vendor: Vendor
    figures: CostBenefit
    yearly_cost: Decimal
    upfront: Decimal
    internal: Decimal
    tco: Decimal
    npv: Decimal
    payback: Decimal | None
    final_offer: bool
    # The same figures under a what-if scenario; None when none was asked for.
    scenario: Outcome | None = None


# Weeks in a month, on average: 52 weeks over 12 months.
WEEKS_PER_MONTH = Decimal(52) / 12


def cost_benefit_rows(
    *, rollout: Rollout, scenario: Scenario | None = None
) -> list[CostBenefitRow]:
    """Per vendor: the final negotiated price (else the list price), its implementation
    fee, training and hardware, and the internal cost of the staff committed to the
    rollout for the vendor's implementation weeks at each department's hourly rate. With a
    `scenario`, each row also has the figures it leads to: the scope change moves the
    implementation (fee and internal staff), a delay keeps the committed staff working
    (their weekly cost) for the months of delay. Four queries."""
    vendors = list(Vendor.objects.filter(rollout=rollout).select_related("cost_benefit"))
    finals: dict[int, Decimal] = {}
    for entry in NegotiationEntry.objects.filter(vendor__rollout=rollout, final=True).order_by(
        "created_at", "pk"
    ):
        if entry.price_per_user_year is not None:
            finals[entry.vendor_id] = entry.price_per_user_year
    rates = dict(
        DepartmentRate.objects.filter(rollout=rollout).values_list("department_id", "hourly_rate")
    )
    commitments = list(
        Commitment.objects.filter(request__rollout=rollout)
        .exclude(status=Commitment.Status.ENDED)
        .values_list("hours_per_week", "start_date", "end_date", "request__department_id")
    )
    rows = []
    for vendor in vendors:
        figures = getattr(vendor, "cost_benefit", None) or CostBenefit(vendor=vendor)
        price = finals.get(vendor.pk, vendor.price_per_user_year)
        internal = weekly = ZERO
        for hours, start, end, department in commitments:
            weeks = min(
                Decimal((end - start + timedelta(days=1)).days) / 7,
                Decimal(vendor.implementation_weeks),
            )
            internal += hours * weeks * rates.get(department, ZERO)
            weekly += hours * rates.get(department, ZERO)
        internal = internal.quantize(Decimal("0.01"))
        upfront = vendor.implementation_fee + figures.training + figures.hardware + internal
        flows = CashFlows(
            upfront=upfront,
            yearly_cost=price * vendor.users,
            yearly_benefit=figures.yearly_benefit,
            years=figures.years,
            discount_rate=figures.discount_rate,
        )
        rows.append(
            CostBenefitRow(
                vendor=vendor,
                figures=figures,
                yearly_cost=flows.yearly_cost,
                upfront=upfront,
                internal=internal,
                tco=total_cost_of_ownership(flows),
                npv=net_present_value(flows),
                payback=payback_years(flows),
                final_offer=vendor.pk in finals,
                scenario=None
                if scenario is None
                else scenario_outcome(
                    flows,
                    scenario,
                    implementation=vendor.implementation_fee + internal,
                    monthly_internal=weekly * WEEKS_PER_MONTH,
                ),
            )
        )
    return rows


def seats_overview(*, rollout: Rollout) -> list[role_selectors.SeatGroup]:
    return role_selectors.seats_of(
        list(role_selectors.active_assignments_of_rollout(rollout=rollout))
    )


# --- what the selection pages read ------------------------------------------------------


def get_vendor_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int | str
) -> Vendor:
    """A vendor of a rollout the caller may see (resolve the rollout first); 404 for any
    other id, another rollout's vendor included. The id often comes from a form, so text
    that is not an id is a 404 too (without a query), not an error."""
    # An access helper like those of rollout.permissions; it lives here because the
    # selection has no permissions module of its own yet.
    vendor_pk = posted_id(str(pk))
    vendor = None
    if vendor_pk is not None:
        # Through the rollout's own manager, so vendor.rollout is this checked instance
        # (and its marks: selection.seats), not a second read of the same row.
        vendor = rollout.vendors.filter(pk=vendor_pk).first()
    if vendor is None:
        raise Http404
    return vendor


def get_scorer_for_user(user: AbstractUser | AnonymousUser, rollout: Rollout, pk: str) -> User:
    """A person who scores on the rollout (resolve the rollout first): one who holds a
    selection seat on it, or has a submission on it. 404 for anyone else, so acting on an
    id never tells the name of a person outside the rollout; text that is not an id is a
    404 without a query."""
    person_pk = posted_id(pk)
    if person_pk is None:
        raise Http404
    seated = RoleAssignment.objects.active().filter(rollout=rollout, role=Role.SELECTOR)
    submitted = Submission.objects.filter(rollout=rollout)
    person = (
        User.objects.filter(pk=person_pk)
        .filter(Q(pk__in=seated.values("person_id")) | Q(pk__in=submitted.values("member_id")))
        .first()
    )
    if person is None:
        raise Http404
    return person


def vendors_of_rollout(*, rollout: Rollout) -> QuerySet[Vendor]:
    return Vendor.objects.filter(rollout=rollout)


def vendors_with_negotiation(*, rollout: Rollout) -> QuerySet[Vendor]:
    """The rollout's vendors, each with its negotiation log and who wrote each entry."""
    return vendors_of_rollout(rollout=rollout).prefetch_related("negotiation__by")


def weighting_of_rollout(*, rollout: Rollout) -> Weighting:
    """The rollout's one weighting. rollout_create sets it up with the rollout; for a
    rollout made another way (a test's factory) the default weights are shown, unsaved,
    since a page that only reads must not write them (the services that change the
    weights set them up)."""
    return Weighting.objects.filter(rollout=rollout).first() or Weighting(rollout=rollout)


def scores_of_member(*, member: User, rollout: Rollout) -> QuerySet[Score]:
    """The member's own scores on the rollout's vendors; scoring is blind, so never anyone
    else's."""
    return Score.objects.filter(member=member, vendor__rollout=rollout)


def reopenings_of_rollout(*, rollout: Rollout) -> QuerySet[Submission]:
    """Every reopened submission, oldest first, with who reopened it and why, and each
    score the member changed after it (before and after). Two queries, whatever the
    number of rows."""
    changes = ScoreChange.objects.select_related("vendor", "criterion", "changed_by")
    return (
        Submission.objects.filter(rollout=rollout, reopened_at__isnull=False)
        .select_related("member", "reopened_by")
        .prefetch_related(Prefetch("changes", queryset=changes))
        .order_by("reopened_at", "pk")
    )


def weights_locked(*, rollout: Rollout) -> bool:
    """Whether the senior seat has opened scoring: the weights are locked from then on, the
    vendors fixed, and the seats score."""
    return policies.weights_locked(Weighting.objects.filter(rollout=rollout).first())


# --- department hourly rates --------------------------------------------------------------


@dataclass(frozen=True)
class DepartmentRateRow:
    department: Department
    rate: Decimal | None  # None: not set, so its staff cost nothing in the cost-benefit


def department_rates(*, rollout: Rollout) -> list[DepartmentRateRow]:
    """Each department taking part in the rollout with its hourly rate, if set. Two
    queries."""
    rates = dict(
        DepartmentRate.objects.filter(rollout=rollout).values_list("department_id", "hourly_rate")
    )
    return [
        DepartmentRateRow(department, rates.get(department.pk))
        for department in role_selectors.departments_of_rollout(rollout=rollout)
    ]


# The rates page lists this many of the latest changes.
RATE_HISTORY_SHOWN = 50


def rate_history(*, rollout: Rollout) -> list[DepartmentRateChange]:
    """The latest changes of the rollout's hourly rates, newest first. One query."""
    return list(
        DepartmentRateChange.objects.filter(rollout=rollout).select_related(
            "department", "changed_by"
        )[:RATE_HISTORY_SHOWN]
    )


# --- criteria -----------------------------------------------------------------------------


def criteria_of_rollout(*, rollout: Rollout) -> QuerySet[Criterion]:
    return Criterion.objects.filter(rollout=rollout)


# The criteria page lists this many of the latest changes.
CRITERION_HISTORY_SHOWN = 50


def criterion_history(*, rollout: Rollout) -> list[CriterionChange]:
    """The latest criteria changes, newest first. One query."""
    return list(
        CriterionChange.objects.filter(rollout=rollout).select_related("changed_by")[
            :CRITERION_HISTORY_SHOWN
        ]
    )
