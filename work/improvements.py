"""After go-live the source article hands the drive to the middle managers: they keep
raising data quality and the use of the system in their departments. Each department's
improvement backlog holds what is to be improved, owned by someone of the department (its
manager by default) with a date. Imported by work.models, so the app registers it.

An item moves open → in progress → done, or is dropped with the reason (a manager must say
why a known problem is no longer worth fixing). Past its date and neither done nor
dropped, it is overdue: it reminds its owner (work.reminder_rules) and waits in their My
work until it is closed or given a new date."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ImprovementKind(models.TextChoices):
    DATA_QUALITY = "data_quality", _("Data quality")
    USE = "use", _("Use of the system")
    PROCESS = "process", _("Process")
    OTHER = "other", _("Other")


class ImprovementStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# Still to do: what reminds its owner once past its date.
OPEN_STATUSES = (ImprovementStatus.OPEN, ImprovementStatus.IN_PROGRESS)
CLOSED_STATUSES = (ImprovementStatus.DONE, ImprovementStatus.DROPPED)


class ImprovementItem(models.Model):
    Kind = ImprovementKind
    Status = ImprovementStatus

    rollout = models.ForeignKey(
        "rollout.Rollout",
        verbose_name=_("rollout"),
        on_delete=models.PROTECT,
        related_name="improvements",
    )
    department = models.ForeignKey(
        "roles.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ImprovementKind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ImprovementStatus.choices,
        default=ImprovementStatus.OPEN,
    )
    drop_reason = models.CharField(_("reason for dropping"), max_length=300, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("improvement item")
        verbose_name_plural = _("improvement items")
        ordering = ["department__code", "due_date", "pk"]
        # My work and the sweep ask, for one owner, which of theirs are past the date.
        indexes = [
            models.Index(fields=["owner", "due_date"], name="improvement_owner_due"),
            models.Index(fields=["rollout", "department"], name="improvement_rollout_dept"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ImprovementKind.values), name="improvement_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ImprovementStatus.values), name="improvement_status_valid"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="improvement_has_title"),
            # Dropped: with the reason, and only then.
            models.CheckConstraint(
                condition=(Q(status=ImprovementStatus.DROPPED) & ~Q(drop_reason=""))
                | (~Q(status=ImprovementStatus.DROPPED) & Q(drop_reason="")),
                name="improvement_dropped_with_reason",
                violation_error_message=_("Say why the item is dropped."),
            ),
            # Closed (done or dropped): when, and only then.
            models.CheckConstraint(
                condition=(Q(status__in=CLOSED_STATUSES) & Q(closed_at__isnull=False))
                | (Q(status__in=OPEN_STATUSES) & Q(closed_at__isnull=True)),
                name="improvement_closed_when",
            ),
            models.UniqueConstraint(
                fields=["rollout", "department", "title"],
                name="improvement_unique_in_department",
                violation_error_message=_("This department's backlog already has that item."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def overdue_on(self, today: date) -> bool:
        return self.is_open and self.due_date < today
