"""The walls a workstream takes down (the source article: between departments, and between
the old and the new way of working): the hand-offs between the departments it crosses, and
the old ways it retires (hand-filled forms, private spreadsheets, data re-keyed from one
system into another). Imported by work.models, so the app registers them.

A hand-off moves through three states, forwards or back (a hand-off that breaks in the
CRM goes back to "agreed" until it runs again):

- planned: named (who hands what to whom, and who owns it), still done the old way;
- agreed: both departments agreed what the CRM record carries, and when it is handed over;
- running: the receiving department works from the CRM record; nothing is re-typed.

An old way is retired once, by a date: `retired_at` says when it was marked retired and by
whom; past `retire_by` and not retired, it is overdue and waits on its owner (My work)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class HandoffState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    AGREED = "agreed", _("Agreed")
    RUNNING = "running", _("Running in the CRM")


class OldWayKind(models.TextChoices):
    FORM = "form", _("Hand-filled form")
    SPREADSHEET = "spreadsheet", _("Spreadsheet")
    REKEYING = "rekeying", _("Re-keying between systems")
    OTHER = "other", _("Other")


class Handoff(models.Model):
    """What one department hands to another on a workstream. Both departments are among
    those the workstream crosses (checked by work.wall_services: a database check cannot
    look into the many-to-many table)."""

    State = HandoffState

    workstream = models.ForeignKey(
        "work.Workstream",
        verbose_name=_("workstream"),
        on_delete=models.PROTECT,
        related_name="handoffs",
    )
    from_department = models.ForeignKey(
        "roles.Department",
        verbose_name=_("handing department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_department = models.ForeignKey(
        "roles.Department",
        verbose_name=_("receiving department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    what = models.CharField(_("what is handed over"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=HandoffState.choices, default=HandoffState.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hand-off")
        verbose_name_plural = _("hand-offs")
        ordering = ["workstream", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_department=F("to_department")),
                name="handoff_between_two_departments",
                violation_error_message=_("A hand-off goes from one department to another."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=HandoffState.values), name="handoff_state_valid"
            ),
            models.CheckConstraint(condition=~Q(what=""), name="handoff_says_what"),
            models.UniqueConstraint(
                fields=["workstream", "from_department", "to_department", "what"],
                name="handoff_unique_in_workstream",
                violation_error_message=_("This workstream already has that hand-off."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_department} → {self.to_department}: {self.what}"

    @property
    def is_running(self) -> bool:
        return self.state == HandoffState.RUNNING


class OldWayRetirement(models.Model):
    """An old way of working the workstream retires, with its owner and the date by which
    it is to be gone."""

    Kind = OldWayKind

    workstream = models.ForeignKey(
        "work.Workstream",
        verbose_name=_("workstream"),
        on_delete=models.PROTECT,
        related_name="old_ways",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OldWayKind.choices)
    description = models.CharField(_("old way"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    retire_by = models.DateField(_("retire by"))
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("retired by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("old way to retire")
        verbose_name_plural = _("old ways to retire")
        ordering = ["workstream", "retire_by", "pk"]
        # My work asks, for one owner, which of theirs are past the date and not retired.
        indexes = [models.Index(fields=["owner", "retire_by"], name="oldway_owner_retire_by")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OldWayKind.values), name="oldway_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(description=""), name="oldway_says_what"),
            # Retired: when and by whom, both or neither.
            models.CheckConstraint(
                condition=Q(retired_at__isnull=True, retired_by__isnull=True)
                | Q(retired_at__isnull=False, retired_by__isnull=False),
                name="oldway_retired_by_whom",
            ),
            models.UniqueConstraint(
                fields=["workstream", "description"],
                name="oldway_unique_in_workstream",
                violation_error_message=_("This workstream already retires that old way."),
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None
