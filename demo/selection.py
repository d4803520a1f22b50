"""The demo selection: three vendors (the cheapest weak on service), the weights, all
five seats' submitted scores, the finance seat's cost-benefit, the negotiation log with a
final offer, and the senior seat's recommendation (which the selection gate then shows)."""

from decimal import Decimal
from typing import Any

from roles.models import Department, User
from rollout.models import Rollout
from selection import criteria_services, services
from selection.models import Criterion, Vendor

VENDORS: tuple[dict[str, Any], ...] = (
    {
        "name": "Huayun CRM · 华云CRM", "reputation": "Strong in manufacturing",
        "years_in_business": 12, "revenue_band": "100m_1b",
        "comparable_customers": "Two machinery makers in Jiangsu", "cloud": True,
        "browser_server": True, "domestic": True, "modules": "Sales, service, quotes",
        "implementation_method": "Phased, key users first", "implementation_weeks": 16,
        "support_hours": "8×5, Chinese", "sla": "4 h response", "local_presence": True,
        "subscription": True, "price_per_user_year": Decimal("1800"), "users": 80,
        "implementation_fee": Decimal("240000"),
    },
    {
        "name": "QuickCRM · 快客CRM", "reputation": "Cheap, young",
        "years_in_business": 3, "revenue_band": "lt10m",
        "comparable_customers": "Retail shops", "cloud": True, "browser_server": True,
        "domestic": True, "modules": "Sales", "implementation_method": "Self-service",
        "implementation_weeks": 6, "support_hours": "E-mail only", "sla": "None",
        "local_presence": False, "subscription": True,
        "price_per_user_year": Decimal("600"), "users": 80,
        "implementation_fee": Decimal("30000"),
    },
    {
        "name": "GlobalSoft CRM", "reputation": "Market leader, imported",
        "years_in_business": 25, "revenue_band": "gt1b",
        "comparable_customers": "Global manufacturers", "cloud": True,
        "browser_server": True, "domestic": False, "modules": "Everything",
        "implementation_method": "Partner-led", "implementation_weeks": 30,
        "support_hours": "24×7, English first", "sla": "8 h response",
        "local_presence": False, "subscription": True,
        "price_per_user_year": Decimal("4200"), "users": 80,
        "implementation_fee": Decimal("900000"),
    },
)  # fmt: skip

# (vendor index, dimension) -> base score; each seat adds its own view.
DIMENSIONS = ("company", "product", "implementation", "service", "price")
BASE = {
    (vendor, dimension): score
    for vendor, scores in enumerate(((4, 4, 4, 4, 4), (2, 3, 3, 1, 5), (5, 5, 2, 3, 1)))
    for dimension, score in zip(DIMENSIONS, scores, strict=True)
}
SEAT_VIEW = {"end_users": 0, "it": 0, "finance": 0, "negotiator": 1, "senior": 0}
MEMBERS = {"end_users": "sel.users", "it": "sel.it", "finance": "sel.finance",
           "negotiator": "sel.negotiator", "senior": "sel.senior"}  # fmt: skip


def seed_selection_scoring(*, rollout: Rollout, people: dict[str, User]) -> None:
    """A selection still scoring: two vendors, the weights locked, and the IT seat's
    scorecard saved but not submitted, so sel.it finds it waiting in My work and submits
    it in two clicks. Idempotent: does nothing when the rollout already has vendors."""
    services.selection_setup(rollout=rollout)
    if Vendor.objects.filter(rollout=rollout).exists():
        return
    senior, it = people["sel.senior"], people["sel.it"]
    vendors = [services.vendor_save(by=senior, rollout=rollout, **v) for v in VENDORS[:2]]
    services.scoring_open(by=senior, rollout=rollout)
    for criterion in Criterion.objects.filter(rollout=rollout, seat="it"):
        for index, vendor in enumerate(vendors):
            score = BASE[(index, criterion.dimension)]
            services.score_save(
                by=it, vendor=vendor, criterion=criterion, score=score, comment=criterion.text_en
            )


def seed_selection(*, rollout: Rollout, people: dict[str, User]) -> None:
    """Idempotent: does nothing when the rollout already has vendors."""
    services.selection_setup(rollout=rollout)
    if Vendor.objects.filter(rollout=rollout).exists():
        return
    senior = people["sel.senior"]
    vendors = [services.vendor_save(by=senior, rollout=rollout, **v) for v in VENDORS]
    services.weights_set(
        by=senior, rollout=rollout, company=20, product=25, implementation=20, service=15, price=20
    )
    _criteria_edits(rollout, senior)
    services.scoring_open(by=senior, rollout=rollout)
    for seat, username in MEMBERS.items():
        member = people[username]
        for criterion in Criterion.objects.filter(rollout=rollout, seat=seat):
            for index, vendor in enumerate(vendors):
                base = BASE[(index, criterion.dimension)]
                score = max(1, min(5, base + (SEAT_VIEW[seat] if index == 1 else 0)))
                services.score_save(
                    by=member, vendor=vendor, criterion=criterion, score=score,
                    comment=f"{vendor.name}: {criterion.text_en}",
                )  # fmt: skip
        services.scores_submit(by=member, rollout=rollout)
    finance = people["sel.finance"]
    # Each department's loaded cost of an hour; Sales' first estimate was raised once the
    # bonuses were counted (the rates page shows the change).
    for code, rate in (("sales", "120"), ("it", "210"), ("finance", "150"), ("sales", "165")):
        services.rate_set(
            by=finance, rollout=rollout, department_id=Department.objects.get(code=code).pk,
            hourly_rate=Decimal(rate),
        )  # fmt: skip
    for vendor, benefit in zip(vendors, ("900000", "300000", "1100000"), strict=True):
        services.cost_benefit_save(
            by=finance, vendor=vendor, years=5, discount_rate=Decimal("8"),
            training=Decimal("50000"), hardware=Decimal("0"), yearly_benefit=Decimal(benefit),
        )  # fmt: skip
    negotiator = people["sel.negotiator"]
    services.negotiation_add(
        by=negotiator, vendor=vendors[0], kind="offer", text="List price",
        price_per_user_year=Decimal("1800"),
    )  # fmt: skip
    services.negotiation_add(
        by=negotiator, vendor=vendors[0], kind="concession",
        text="10 % off for a three-year term · 三年合同九折", price_per_user_year=Decimal("1620"),
        final=True,
    )  # fmt: skip
    services.recommend(
        by=senior, rollout=rollout, vendor=vendors[0],
        reasoning="Best fit for our core processes, local service, sound value; not the cheapest. "
        "最适合我们的核心流程，本地服务，性价比好；不是最便宜的。",
    )  # fmt: skip


def _criteria_edits(rollout: Rollout, senior: User) -> None:
    """What the senior seat changed before opening scoring, kept in the criteria's history:
    the core-process criterion counted double, and one reworded."""
    core = Criterion.objects.get(rollout=rollout, text_en="Fits our core processes")
    criteria_services.criterion_change(by=senior, criterion=core, weight=2)
    criterion = Criterion.objects.filter(rollout=rollout, dimension="service").earliest("pk")
    criteria_services.criterion_change(
        by=senior, criterion=criterion, text_en=criterion.text_en + " (in Chinese, on site)",
        text_zh_hans=criterion.text_zh_hans + "（中文、现场）",
    )  # fmt: skip
