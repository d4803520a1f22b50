"""The rollout's goal made measurable: targets (a measure, its unit, where it stands and
where it must get to by when, and who answers for it) and the actual values recorded over
time. The goal's own words stay on rollout.Rollout.goal; these rows say how to tell it
was reached."""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:  # only in django-stubs: a label given as lazy text
    from django.utils.functional import _StrOrPromise as StrOrPromise

# Dates outside these years are typos (a target for 20270 or a reading from 1927).
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)
# Twelve digits before the point hold any count or amount a rollout measures (yuan included).
VALUE_DIGITS, VALUE_PLACES = 14, 2
MEASURE_MAX, UNIT_MAX = 120, 30


def _value_field(label: "StrOrPromise") -> models.DecimalField[Decimal, Decimal]:
    return models.DecimalField(label, max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES)


def plain(value: Decimal) -> str:
    """A value as people write it: 10, 19.5, 1200 (never 10.00 or 1E+1)."""
    return format(value.normalize(), "f")


class GoalTarget(models.Model):
    """One measurable target of the goal, e.g. lead-to-order days 21 → 10 by 2027-06-30.
    Lower is better when the target is below the baseline (the direction is not stored: it
    cannot disagree with the figures)."""

    rollout = models.ForeignKey(
        "rollout.Rollout",
        verbose_name=_("rollout"),
        on_delete=models.CASCADE,
        related_name="goal_targets",
    )
    measure = models.CharField(_("measure"), max_length=MEASURE_MAX)
    unit = models.CharField(_("unit"), max_length=UNIT_MAX)
    baseline = _value_field(_("baseline"))
    target = _value_field(_("target value"))
    due_date = models.DateField(_("due date"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("set"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal target")
        verbose_name_plural = _("goal targets")
        ordering = ["due_date", "pk"]
        constraints = [
            # The import names a target by its measure: two alike would be ambiguous.
            models.UniqueConstraint(
                "rollout",
                Lower("measure"),
                name="goal_target_measure_once_per_rollout",
                violation_error_message=_("This rollout already has a target for this measure."),
            ),
            models.CheckConstraint(
                condition=~Q(measure="") & ~Q(unit=""), name="goal_target_measure_and_unit"
            ),
            # A target equal to its baseline asks for nothing to change.
            models.CheckConstraint(
                condition=~Q(target=F("baseline")),
                name="goal_target_differs_from_baseline",
                violation_error_message=_("The target value must differ from the baseline."),
            ),
            models.CheckConstraint(
                condition=Q(due_date__gte=FIRST_DAY, due_date__lte=LAST_DAY),
                name="goal_target_due_date_sensible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {plain(self.baseline)} → {plain(self.target)} {self.unit}"

    @property
    def lower_is_better(self) -> bool:
        return self.target < self.baseline


class TargetActual(models.Model):
    """The value a target's measure had on a day, as its owner (or the executive, or an
    import) recorded it. One per day: recording a day again corrects it, and the history
    keeps the value it replaced."""

    target = models.ForeignKey(
        GoalTarget, verbose_name=_("target"), on_delete=models.CASCADE, related_name="actuals"
    )
    value = _value_field(_("actual value"))
    as_of = models.DateField(_("as of"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actual value")
        verbose_name_plural = _("actual values")
        ordering = ["target", "as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "as_of"], name="one_actual_per_target_per_date"
            ),
            models.CheckConstraint(
                condition=Q(as_of__gte=FIRST_DAY, as_of__lte=LAST_DAY),
                name="target_actual_date_sensible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target_id} @ {self.as_of:%Y-%m-%d}: {self.value}"


class AdoptionKind(models.TextChoices):
    ACTIVE_USERS = "active_users", _("Active users")
    IN_CRM = "in_crm", _("Records entered in the CRM rather than the old way")
    COMPLETE = "complete", _("Share of records complete")
    OTHER = "other", _("Other")


class AdoptionMeasure(models.Model):
    """After go-live: a measure of how far the departments use the CRM (active users, orders
    keyed into the CRM rather than on paper, complete records), defined by the executive
    and recorded monthly per department by its manager."""

    Kind = AdoptionKind

    rollout = models.ForeignKey(
        "rollout.Rollout",
        verbose_name=_("rollout"),
        on_delete=models.CASCADE,
        related_name="adoption_measures",
    )
    name = models.CharField(_("measure"), max_length=MEASURE_MAX)
    unit = models.CharField(_("unit"), max_length=UNIT_MAX)
    kind = models.CharField(_("kind"), max_length=20, choices=AdoptionKind.choices)
    target = _value_field(_("target value"))
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    created_at = models.DateTimeField(_("set"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("adoption measure")
        verbose_name_plural = _("adoption measures")
        ordering = ["pk"]
        constraints = [
            # The import names a measure by its name: two alike would be ambiguous.
            models.UniqueConstraint(
                "rollout",
                Lower("name"),
                name="adoption_measure_name_once_per_rollout",
                violation_error_message=_("This rollout already has a measure of this name."),
            ),
            models.CheckConstraint(
                condition=~Q(name="") & ~Q(unit=""), name="adoption_measure_name_and_unit"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=AdoptionKind.values), name="adoption_measure_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    def on_target(self, value: Decimal) -> bool:
        return value >= self.target if self.higher_is_better else value <= self.target


class AdoptionValue(models.Model):
    """A measure's value for one department in one month (the month's first day), as the
    department's manager (or the executive, or an import) recorded it. Recording the month
    again corrects it; the history keeps the value it replaced."""

    measure = models.ForeignKey(
        AdoptionMeasure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="values"
    )
    department = models.ForeignKey(
        "roles.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    month = models.DateField(_("month"))
    value = _value_field(_("value"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("adoption value")
        verbose_name_plural = _("adoption values")
        ordering = ["measure", "department", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "department", "month"],
                name="one_adoption_value_per_department_per_month",
            ),
            # A month is held as its first day, so two days of one month cannot both count.
            models.CheckConstraint(
                condition=Q(month__day=1, month__gte=FIRST_DAY, month__lte=LAST_DAY),
                name="adoption_value_month_first_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} · {self.department_id} · {self.month:%Y-%m}: {self.value}"


class RealisedBenefit(models.Model):
    """The yearly benefit the rollout actually brings, as the finance seat (or the
    executive) estimates it on a day, to set beside the benefit the finance seat expected of
    the chosen vendor. One per day: a later estimate is a new row, the history keeps all."""

    rollout = models.ForeignKey(
        "rollout.Rollout",
        verbose_name=_("rollout"),
        on_delete=models.CASCADE,
        related_name="realised_benefits",
    )
    yearly_amount = _value_field(_("realised benefit per year (¥)"))
    as_of = models.DateField(_("as of"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("realised benefit")
        verbose_name_plural = _("realised benefits")
        ordering = ["rollout", "as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["rollout", "as_of"], name="one_realised_benefit_per_rollout_per_day"
            ),
            models.CheckConstraint(
                condition=Q(yearly_amount__gte=0), name="realised_benefit_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(as_of__gte=FIRST_DAY, as_of__lte=LAST_DAY),
                name="realised_benefit_date_sensible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rollout_id} @ {self.as_of:%Y-%m-%d}: {self.yearly_amount}"
