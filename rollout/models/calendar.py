"""Working calendars: which days are working days. Saturday and Sunday are off unless a
CalendarDay says otherwise; a CalendarDay also marks a public holiday on a weekday, or a
make-up working day (调休) on a weekend.

A calendar says up to when it is complete (`known_until`): past that day nobody has
entered the holidays, so weekdays count as working days and the pages warn. The date is
set by a person, not inferred from the last day entered, because a year is often entered
in pieces (Spring Festival first, the rest when the State Council's notice is out) and a
year with one day entered is not a year the calendar knows."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.localized import localized


class WorkingCalendar(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    is_default = models.BooleanField(_("default for new rollouts"), default=False)
    known_until = models.DateField(
        _("holidays known until"),
        null=True,
        blank=True,
        help_text=_(
            "The last day up to which every public holiday and make-up working day is "
            "entered, usually 31 December of the last year whose official notice is in. "
            "Past it, rollouts using this calendar warn that holidays count as working days."
        ),
    )
    # Who changed what, in the app or in /admin/ (the request's person), for the
    # calendar's page and the rollouts' history.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("working calendar")
        verbose_name_plural = _("working calendars")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_calendar",
            )
        ]

    def __str__(self) -> str:
        return self.name


class CalendarDay(models.Model):
    calendar = models.ForeignKey(
        WorkingCalendar, verbose_name=_("calendar"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("date"))
    is_working = models.BooleanField(
        _("working day"),
        help_text=_("Off: a public holiday. On: a make-up working day on a weekend (调休)."),
    )
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="one_entry_per_calendar_day"),
            models.CheckConstraint(
                condition=~Q(name_en=""),
                name="calendar_day_has_a_name",
                violation_error_message=_("Name the day, e.g. Spring Festival."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"

    @property
    def name(self) -> str:
        return localized(self.name_en, self.name_zh_hans)
