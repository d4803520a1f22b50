"""The history of what the selection team changes in place: the department hourly rates the
finance seat sets, and the criteria the senior seat edits before the weights lock. Rows are
only added, never changed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from roles.models import Department
from rollout.models import Rollout
from selection.models import Criterion


class ChangeRecord(models.Model):
    """Who changed something, and when; the newest first."""

    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    changed_at = models.DateTimeField(_("when changed"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-changed_at", "-pk"]


class DepartmentRateChange(ChangeRecord):
    """An hourly rate set on the rates page, with the one it replaced (None: the first)."""

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.CASCADE, related_name="+"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    rate_before = models.DecimalField(
        _("hourly rate before (¥)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    rate_after = models.DecimalField(_("hourly rate after (¥)"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("hourly rate change")
        verbose_name_plural = _("hourly rate changes")
        ordering = ["-changed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rate_after__gte=0)
                & (Q(rate_before__isnull=True) | Q(rate_before__gte=0)),
                name="rate_change_not_negative",
                violation_error_message=_("An hourly rate cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department} · {self.rate_before} → {self.rate_after}"


class CriterionChangeKind(models.TextChoices):
    ADDED = "added", _("added")
    CHANGED = "changed", _("changed")
    REMOVED = "removed", _("removed")


class CriterionChange(ChangeRecord):
    """A criterion added, changed (renamed, reweighted) or removed before the weights locked:
    what it said before and after, who and when. The criterion's own row may be gone (a
    removal), so the texts are kept here."""

    Kind = CriterionChangeKind

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.CASCADE, related_name="+"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="changes",
    )  # fmt: skip
    kind = models.CharField(_("what"), max_length=10, choices=Kind.choices)
    before = models.CharField(_("before"), max_length=450, blank=True)
    after = models.CharField(_("after"), max_length=450, blank=True)

    class Meta:
        verbose_name = _("criterion change")
        verbose_name_plural = _("criterion changes")
        ordering = ["-changed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CriterionChangeKind.values), name="criterion_change_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.after or self.before}"
