"""The system selection: vendors and their offers, the criteria of the four dimensions
and price with their scoring guide, the senior seat's weights, each member's blind
scores, the finance seat's cost-benefit, the negotiators' log and the recommendation."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from core.localized import localized
from roles.models import Department, Seat
from rollout.models import Rollout

# A score follows the guide: 1 (poor), 3 (adequate) or 5 (strong), and 2 or 4 between.
LOWEST_SCORE, HIGHEST_SCORE = 1, 5
# A criterion counts 1 to 10 times within its dimension (1: all count alike).
LOWEST_CRITERION_WEIGHT, HIGHEST_CRITERION_WEIGHT = 1, 10
# An hour of anyone's time above this is a typing mistake (an extra zero), not a rate.
HIGHEST_HOURLY_RATE = Decimal("10000")


class Dimension(models.TextChoices):
    COMPANY = "company", _("Vendor company")
    PRODUCT = "product", _("Product")
    IMPLEMENTATION = "implementation", _("Implementation")
    SERVICE = "service", _("Service")
    PRICE = "price", _("Price")


# The choice classes live at module level because a model's nested Meta cannot see the
# model's own namespace, and the CheckConstraints below must take their values from them:
# a value added to a class then changes the constraint, and makemigrations notices.
class RevenueBand(models.TextChoices):
    SMALL = "lt10m", _("under ¥10 million")
    MEDIUM = "10m_100m", _("¥10–100 million")
    LARGE = "100m_1b", _("¥100 million – 1 billion")
    HUGE = "gt1b", _("over ¥1 billion")


class Vendor(models.Model):
    Revenue = RevenueBand

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.PROTECT, related_name="vendors"
    )
    name = models.CharField(_("vendor"), max_length=120)
    reputation = models.CharField(_("reputation"), max_length=300, blank=True)
    years_in_business = models.PositiveSmallIntegerField(_("years in business"), default=0)
    revenue_band = models.CharField(
        _("revenue"), max_length=10, choices=Revenue.choices, default=Revenue.MEDIUM
    )
    comparable_customers = models.CharField(_("comparable customers"), max_length=300, blank=True)
    cloud = models.BooleanField(_("cloud (not on-premises)"), default=True)
    browser_server = models.BooleanField(_("browser/server (not client/server)"), default=True)
    domestic = models.BooleanField(_("domestic (not imported)"), default=True)
    modules = models.CharField(_("modules"), max_length=300, blank=True)
    implementation_method = models.CharField(_("implementation method"), max_length=300, blank=True)
    implementation_weeks = models.PositiveSmallIntegerField(_("implementation (weeks)"), default=12)
    support_hours = models.CharField(_("support hours"), max_length=100, blank=True)
    sla = models.CharField(_("service level"), max_length=200, blank=True)
    local_presence = models.BooleanField(_("local presence"), default=False)
    subscription = models.BooleanField(_("subscription (not licence)"), default=True)
    price_per_user_year = models.DecimalField(
        _("price per user and year (¥)"), max_digits=14, decimal_places=2
    )
    users = models.PositiveIntegerField(_("users"), default=50)
    implementation_fee = models.DecimalField(
        _("implementation fee (¥)"), max_digits=14, decimal_places=2
    )

    class Meta:
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["rollout", "name"],
                name="vendor_name_unique",
                violation_error_message=_("This rollout already has a vendor of that name."),
            ),
            models.CheckConstraint(
                condition=Q(revenue_band__in=RevenueBand.values), name="vendor_revenue_band_valid"
            ),
            models.CheckConstraint(
                condition=Q(price_per_user_year__gte=0) & Q(implementation_fee__gte=0),
                name="vendor_prices_not_negative",
                violation_error_message=_("Prices cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """What a seat scores, with the guide to what 1, 3 and 5 mean."""

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.CASCADE, related_name="criteria"
    )
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    seat = models.CharField(_("seat"), max_length=20, choices=Seat.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_en = models.CharField(_("criterion (English)"), max_length=200)
    text_zh_hans = models.CharField(_("criterion (Simplified Chinese)"), max_length=200)
    guide_en = models.CharField(_("what 1, 3 and 5 mean (English)"), max_length=400)
    guide_zh_hans = models.CharField(_("what 1, 3 and 5 mean (Chinese)"), max_length=400)
    weight = models.PositiveSmallIntegerField(
        _("weight within its dimension"),
        default=LOWEST_CRITERION_WEIGHT,
        help_text=_("1 to 10: how much this criterion counts beside the others of its dimension."),
    )

    class Meta:
        verbose_name = _("selection criterion")
        verbose_name_plural = _("selection criteria")
        ordering = ["dimension", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dimension__in=Dimension.values), name="criterion_dimension_valid"
            ),
            models.CheckConstraint(condition=Q(seat__in=Seat.values), name="criterion_seat_valid"),
            models.CheckConstraint(
                condition=Q(weight__gte=LOWEST_CRITERION_WEIGHT)
                & Q(weight__lte=HIGHEST_CRITERION_WEIGHT),
                name="criterion_weight_1_to_10",
                violation_error_message=_("A criterion's weight is from 1 to 10."),
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return localized(self.text_en, self.text_zh_hans)

    @property
    def guide(self) -> str:
        return localized(self.guide_en, self.guide_zh_hans)


class Weighting(models.Model):
    """The senior seat's weights (percent). Locked when scoring opens; the lock is kept."""

    rollout = models.OneToOneField(
        Rollout, verbose_name=_("rollout"), on_delete=models.CASCADE, related_name="weighting"
    )
    company = models.PositiveSmallIntegerField(_("vendor company"), default=20)
    product = models.PositiveSmallIntegerField(_("product"), default=25)
    implementation = models.PositiveSmallIntegerField(_("implementation"), default=20)
    service = models.PositiveSmallIntegerField(_("service"), default=15)
    price = models.PositiveSmallIntegerField(_("price"), default=20)
    price_cap = models.PositiveSmallIntegerField(_("price weight cap"), default=30)
    locked_at = models.DateTimeField(_("locked"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("locked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("weighting")
        verbose_name_plural = _("weightings")
        constraints = [
            models.CheckConstraint(
                condition=Exact(
                    F("company") + F("product") + F("implementation") + F("service") + F("price"),
                    100,
                ),
                name="weights_sum_to_100",
                # Django %-formats these messages (with the name), hence the doubled %.
                violation_error_message=_("The weights must add up to 100 %%."),
            ),
            models.CheckConstraint(
                condition=Q(price__lte=F("price_cap")),
                name="price_weight_within_cap",
                violation_error_message=_("The price weight is over its cap."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rollout}"

    def weight(self, dimension: str) -> int:
        return int(getattr(self, dimension))


class Score(models.Model):
    # A score is a record of the selection: its vendor and criterion cannot go while it stays.
    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="scores"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.CharField(_("comment"), max_length=500)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["vendor", "criterion", "member"],
                name="one_score_per_member",
                violation_error_message=_("You have scored this vendor on this criterion already."),
            ),
            models.CheckConstraint(
                condition=Q(score__gte=LOWEST_SCORE) & Q(score__lte=HIGHEST_SCORE),
                name="score_1_to_5",
                violation_error_message=_("A score is from 1 to 5, as the guide says."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor} · {self.criterion} · {self.score}"


class Submission(models.Model):
    """A member's scores are final once submitted, unless the senior seat reopens them
    (recorded on this row; never their own). Every score the member then changes is kept
    as a ScoreChange of this row."""

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.CASCADE, related_name="submissions"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reopened by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reopen_reason = models.CharField(_("why reopened"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("score submission")
        verbose_name_plural = _("score submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["rollout", "member"],
                condition=Q(reopened_at__isnull=True),
                name="one_standing_submission",
                violation_error_message=_("You have already submitted your scores."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.submitted_at:%Y-%m-%d}"


class ScoreChange(models.Model):
    """A cell of a member's scorecard changed after their submission was reopened: who,
    when, the score and comment before and after, and the reopening it belongs to (who
    reopened, when and why). Written by the scoring service in the transaction that
    changes the score, shown beside the results; written once (database triggers refuse
    UPDATE, and DELETE on PostgreSQL)."""

    reopening = models.ForeignKey(
        Submission, verbose_name=_("reopened submission"), on_delete=models.PROTECT,
        related_name="changes",
    )  # fmt: skip
    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT, related_name="+"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    changed_at = models.DateTimeField(_("when changed"), auto_now_add=True)
    # None: the cell had no score before (a criterion added after the submission).
    score_before = models.PositiveSmallIntegerField(_("score before"), null=True, blank=True)
    score_after = models.PositiveSmallIntegerField(_("score after"))
    comment_before = models.CharField(_("comment before"), max_length=500, blank=True)
    comment_after = models.CharField(_("comment after"), max_length=500)

    class Meta:
        verbose_name = _("score change after a reopening")
        verbose_name_plural = _("score changes after a reopening")
        ordering = ["changed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score_after__gte=LOWEST_SCORE)
                & Q(score_after__lte=HIGHEST_SCORE)
                & (
                    Q(score_before__isnull=True)
                    | Q(score_before__gte=LOWEST_SCORE) & Q(score_before__lte=HIGHEST_SCORE)
                ),
                name="score_change_1_to_5",
                violation_error_message=_("A score is from 1 to 5, as the guide says."),
            ),
            # A row says something changed; an unchanged cell leaves no row.
            models.CheckConstraint(
                condition=Q(score_before__isnull=True)
                | ~Q(score_before=F("score_after"))
                | ~Q(comment_before=F("comment_after")),
                name="score_change_changes_something",
                violation_error_message=_("Nothing changed in this score."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor} · {self.criterion} · {self.score_before} → {self.score_after}"


class DepartmentRate(models.Model):
    """What an hour of a department's staff costs, for the internal cost of commitments."""

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.CASCADE, related_name="rates"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    hourly_rate = models.DecimalField(_("hourly rate (¥)"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("department hourly rate")
        verbose_name_plural = _("department hourly rates")
        constraints = [
            models.UniqueConstraint(
                fields=["rollout", "department"],
                name="one_rate_per_department",
                violation_error_message=_("This department already has an hourly rate."),
            ),
            models.CheckConstraint(
                condition=Q(hourly_rate__gte=0),
                name="rate_not_negative",
                violation_error_message=_("An hourly rate cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(hourly_rate__lte=HIGHEST_HOURLY_RATE),
                name="rate_at_most_10000",
                violation_error_message=_("An hourly rate is at most ¥10,000."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department} · {self.hourly_rate}"


class CostBenefit(models.Model):
    """The finance seat's figures for one vendor. Money is Decimal, never float."""

    vendor = models.OneToOneField(
        Vendor, verbose_name=_("vendor"), on_delete=models.CASCADE, related_name="cost_benefit"
    )
    years = models.PositiveSmallIntegerField(_("years"), default=5)
    discount_rate = models.DecimalField(
        _("discount rate (%)"), max_digits=5, decimal_places=2, default=Decimal("8")
    )
    training = models.DecimalField(
        _("training (¥)"), default=Decimal("0"), max_digits=14, decimal_places=2
    )
    hardware = models.DecimalField(
        _("hardware (¥)"), default=Decimal("0"), max_digits=14, decimal_places=2
    )
    yearly_benefit = models.DecimalField(
        _("expected benefit per year (¥)"), default=Decimal("0"), max_digits=14, decimal_places=2
    )

    class Meta:
        verbose_name = _("cost-benefit")
        verbose_name_plural = _("cost-benefits")
        constraints = [
            models.CheckConstraint(
                condition=Q(training__gte=0) & Q(hardware__gte=0) & Q(yearly_benefit__gte=0),
                name="costs_not_negative",
                violation_error_message=_("Costs and benefits cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(years__gte=1) & Q(years__lte=15),
                name="years_1_to_15",
                violation_error_message=_("The years are from 1 to 15."),
            ),
            models.CheckConstraint(
                condition=Q(discount_rate__gte=0) & Q(discount_rate__lte=100),
                name="discount_rate_percent",
                violation_error_message=_("The discount rate is from 0 to 100 %%."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor}"


class NegotiationKind(models.TextChoices):
    OFFER = "offer", _("Offer")
    CONCESSION = "concession", _("Concession")
    TERM = "term", _("Term")


class NegotiationEntry(models.Model):
    Kind = NegotiationKind

    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.CASCADE, related_name="negotiation"
    )
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("details"), max_length=500)
    price_per_user_year = models.DecimalField(
        _("price per user and year (¥)"), null=True, blank=True, max_digits=14, decimal_places=2
    )
    final = models.BooleanField(_("final offer"), default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("negotiation entry")
        verbose_name_plural = _("negotiation log")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NegotiationKind.values), name="negotiation_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(price_per_user_year__isnull=True) | Q(price_per_user_year__gte=0),
                name="negotiated_price_not_negative",
                violation_error_message=_("Prices cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor} · {self.get_kind_display()}"


class Recommendation(models.Model):
    """The senior seat's recommended vendor with the reasoning; the newest one counts."""

    rollout = models.ForeignKey(
        Rollout,
        verbose_name=_("rollout"),
        on_delete=models.CASCADE,
        related_name="vendor_recommendations",
    )
    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT, related_name="+"
    )
    reasoning = models.TextField(_("reasoning"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recommended by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("vendor recommendation")
        verbose_name_plural = _("vendor recommendations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.vendor}"


# The history tables, in their own module; imported here so that Django finds them.
from selection.change_models import CriterionChange, DepartmentRateChange  # noqa: E402

__all__ = ["CriterionChange", "DepartmentRateChange"]
