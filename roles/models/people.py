"""People and their departments."""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.localized import localized


class Department(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=120, blank=True)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_departments",
    )
    # A department at another site or in another country keeps its own public holidays:
    # its people's expected hours count on this calendar, not on the rollout's.
    calendar = models.ForeignKey(
        "rollout.WorkingCalendar",
        verbose_name=_("working calendar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="departments",
        help_text=_(
            "For a department at another site or in another country. Empty: its people "
            "work on the calendar of the rollout they are committed to."
        ),
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self.name_en, self.name_zh_hans)


class EmailDigest(models.TextChoices):
    """How often a person's e-mail digest goes out. Module level (not nested in User) so
    User.Meta's CheckConstraint can take its values from it."""

    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly (Mondays)")


class User(AbstractUser):
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    weekly_capacity_hours = models.DecimalField(
        _("weekly capacity (hours)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("40.0"),
        help_text=_("Hours a week this person works in all, of which a rollout may borrow part."),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    email_reminders = models.BooleanField(_("e-mail me my reminders"), default=True)
    email_digest = models.CharField(
        _("e-mail digest"),
        max_length=10,
        choices=EmailDigest.choices,
        default=EmailDigest.DAILY,
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weekly_capacity_hours__gte=0) & Q(weekly_capacity_hours__lte=80),
                name="user_capacity_between_0_and_80",
            ),
            models.CheckConstraint(
                condition=Q(preferred_language__in=[code for code, _name in settings.LANGUAGES]),
                name="user_preferred_language_valid",
            ),
            models.CheckConstraint(
                condition=Q(email_digest__in=EmailDigest.values), name="user_email_digest_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username
