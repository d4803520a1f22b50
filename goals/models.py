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
