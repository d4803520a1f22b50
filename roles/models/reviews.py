"""The four-qualities reviews of implementation members."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rollout.models import Rollout


class QualityReview(models.Model):
    """A middle manager's review of one implementation member for one month, on the four
    qualities (四心) of the source article; see roles/qualities.py for the scale."""

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.PROTECT, related_name="reviews"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="quality_reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    period = models.DateField(_("month"), help_text=_("The first day of the month reviewed."))
    enterprising = models.PositiveSmallIntegerField(_("enterprising"))
    confidence = models.PositiveSmallIntegerField(_("confidence"))
    responsibility = models.PositiveSmallIntegerField(_("responsibility"))
    meticulousness = models.PositiveSmallIntegerField(_("meticulousness"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("four-qualities review")
        verbose_name_plural = _("four-qualities reviews")
        ordering = ["-period", "member"]
        constraints = [
            models.UniqueConstraint(
                fields=["rollout", "member", "period"],
                name="one_review_per_member_and_month",
                violation_error_message=_("This member already has a review for that month."),
            ),
            models.CheckConstraint(
                condition=Q(period__day=1), name="review_period_is_first_of_month"
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{quality}__gte": 1, f"{quality}__lte": 5}),
                    name=f"review_{quality}_1_to_5",
                    violation_error_message=_("Each quality is scored from 1 to 5."),
                )
                for quality in ("enterprising", "confidence", "responsibility", "meticulousness")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.period:%Y-%m}"
