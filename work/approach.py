"""How the rollout is implemented, as the executive decided it at the contract or the
implementation gate: a pilot department, the rollout style and the vendor's method. Written
once per decision (gates.Decision points at it); the newest one is the plan's. It lives
here, below gates, because the plan page (work) shows it and may not import gates."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rollout.models import Rollout


class RolloutStyle(models.TextChoices):
    PILOT_THEN_PHASED = "pilot_then_phased", _("A pilot department first, then phased")
    PHASED = "phased", _("Phased, department by department")
    ALL_AT_ONCE = "all_at_once", _("All departments at once")


class ImplementationApproach(models.Model):
    Style = RolloutStyle

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.PROTECT, related_name="approaches"
    )
    style = models.CharField(_("rollout style"), max_length=30, choices=Style.choices)
    # The department that goes first: the pilot, or the first phase of a phased rollout.
    pilot_department = models.ForeignKey(
        "roles.Department",
        verbose_name=_("pilot department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    vendor_method = models.TextField(_("the vendor's implementation method"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("implementation approach")
        verbose_name_plural = _("implementation approaches")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(style__in=RolloutStyle.values), name="approach_style_valid"
            ),
            models.CheckConstraint(
                condition=~Q(style=RolloutStyle.PILOT_THEN_PHASED)
                | Q(pilot_department__isnull=False),
                name="pilot_style_names_the_pilot",
                violation_error_message=_("Name the pilot department."),
            ),
            models.CheckConstraint(
                condition=~Q(style=RolloutStyle.ALL_AT_ONCE) | Q(pilot_department__isnull=True),
                name="all_at_once_has_no_pilot",
                violation_error_message=_("All at once has no pilot department."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_style_display())
