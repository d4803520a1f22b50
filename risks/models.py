"""The risk register of a rollout: what could make it fail, who watches it, how likely and
how bad it would be, and what is done against it; and the reviews that say the register was
gone through (a gate asks for one since the last gate). The article counts "how to control
the risk" among the five things only the executive can settle."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.localized import localized
from rollout.models import Rollout

# Likelihood and impact are each rated on this scale, checked by the database too.
LOWEST, HIGHEST = 1, 5


# At module level so the CheckConstraint below takes its values from it (a value added here
# changes the constraint, and makemigrations notices).
class RiskStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("a risk", "Open")
    MITIGATED = "mitigated", _("Mitigated")
    ACCEPTED = "accepted", _("Accepted")
    CLOSED = "closed", _("Closed")


class Risk(models.Model):
    Status = RiskStatus

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.PROTECT, related_name="risks"
    )
    # A risk added from the article's starting entries keeps its text in both languages and
    # names its entry (so it is not offered twice); a risk typed in keeps one text, and an
    # edit of the text drops the other language's (it would say something else).
    starter = models.SlugField(_("starting entry"), max_length=40, blank=True)
    title = models.CharField(_("risk"), max_length=200)
    title_zh_hans = models.CharField(_("risk (Simplified Chinese)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    description_zh_hans = models.TextField(
        _("description (Simplified Chinese)"), blank=True, max_length=2000
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1–5)"))
    impact = models.PositiveSmallIntegerField(_("impact (1–5)"))
    mitigation = models.TextField(_("mitigation"), blank=True, max_length=2000)
    due_date = models.DateField(
        _("mitigation due"), null=True, blank=True, help_text=_("Without a date, no reminder.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["rollout", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=LOWEST, likelihood__lte=HIGHEST),
                name="risk_likelihood_one_to_five",
                violation_error_message=_("Rate the likelihood from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(impact__gte=LOWEST, impact__lte=HIGHEST),
                name="risk_impact_one_to_five",
                violation_error_message=_("Rate the impact from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=RiskStatus.values), name="risk_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(title=""),
                name="risk_has_title",
                violation_error_message=_("Say what the risk is."),
            ),
            # Calling a risk mitigated or accepted says what was done or why it is borne.
            models.CheckConstraint(
                condition=~Q(status__in=[RiskStatus.MITIGATED, RiskStatus.ACCEPTED])
                | ~Q(mitigation=""),
                name="risk_mitigated_or_accepted_says_how",
                violation_error_message=_(
                    "A mitigated or accepted risk needs its mitigation: what was done, or why "
                    "the risk is borne."
                ),
            ),
            models.UniqueConstraint(
                fields=["rollout", "starter"],
                condition=~Q(starter=""),
                name="risk_starter_once_per_rollout",
                violation_error_message=_("This starting entry is already in the register."),
            ),
        ]

    def __str__(self) -> str:
        return self.shown_title

    @property
    def shown_title(self) -> str:
        return localized(self.title, self.title_zh_hans)

    @property
    def shown_description(self) -> str:
        return localized(self.description, self.description_zh_hans)

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class RiskReview(models.Model):
    """The register was gone through: by whom, when, and what they noted."""

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.PROTECT, related_name="risk_reviews"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("risk review")
        verbose_name_plural = _("risk reviews")
        ordering = ["-reviewed_at", "-pk"]
        indexes = [models.Index(fields=["rollout", "-reviewed_at"], name="risk_review_latest")]

    def __str__(self) -> str:
        return f"{self.rollout} · {self.reviewed_at:%Y-%m-%d}"
