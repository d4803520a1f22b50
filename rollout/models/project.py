"""The rollout project itself and its guardian object-permission tables."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords


# The choice classes live at module level because a model's nested Meta cannot see the
# model's own namespace, and the CheckConstraints below must take their values from them:
# a value added to a class then changes the constraint, and makemigrations notices.
class RolloutStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    ACTIVE = "active", _("Active")
    STOPPED = "stopped", _("Stopped")
    COMPLETED = "completed", _("Completed")


class Rollout(models.Model):
    Status = RolloutStatus

    name = models.CharField(_("name"), max_length=200)
    company = models.CharField(_("company"), max_length=200)
    goal = models.TextField(_("goal"), blank=True, help_text=_("The goal the executive sets."))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNING
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    calendar = models.ForeignKey(
        "rollout.WorkingCalendar",
        verbose_name=_("working calendar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rollouts",
        help_text=_("Without one, Monday to Friday are the working days."),
    )
    decision_limit_working_days = models.PositiveSmallIntegerField(
        _("a gate may wait (working days)"),
        default=5,
        help_text=_("Longer than this, a waiting gate reminds the executive, then the sponsor."),
    )
    sponsor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sponsor contact"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Told when a gate waits too long for the executive (else: administrators)."),
    )
    escalation_working_days = models.PositiveSmallIntegerField(
        _("escalate after (working days)"),
        default=2,
        help_text=_("A reminder left unanswered this many working days goes one level up."),
    )
    # Changed by database triggers in the same transaction as every write to what the
    # rollout's pages show (rollout/data_version.py); caches are keyed by it.
    data_version = models.BigIntegerField(_("data version"), default=0, editable=False)

    # The data version is not part of the rollout's history: it changes with every write.
    history = HistoricalRecords(excluded_fields=["data_version"])

    class Meta:
        verbose_name = _("rollout")
        verbose_name_plural = _("rollouts")
        ordering = ["name", "pk"]
        permissions = [
            ("decide_gate", _("Decide go / no-go at the rollout's gates")),
            ("manage_roles", _("Assign and end roles on the rollout")),
            ("commit_staff", _("Commit part-time staff to the rollout")),
            ("request_staff", _("Ask departments for part-time staff")),
            ("score_vendors", _("Score vendors in the system selection")),
            ("log_work", _("Log work on the rollout's tasks")),
            ("plan_work", _("Plan objectives, workstreams and tasks")),
            ("verify_work", _("Verify or send back tasks claimed done")),
            ("review_members", _("Review implementation members on the four qualities")),
            ("view_reviews", _("Read every four-qualities review of the rollout")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RolloutStatus.values),
                name="rollout_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(escalation_working_days__gte=1),
                name="rollout_escalation_at_least_one_day",
            ),
        ]

    def __str__(self) -> str:
        return self.name


# Direct foreign-key permission tables: joins on an indexed FK instead of guardian's
# generic (content type, text object id) scan.
class RolloutUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Rollout, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("rollout permission of a person")
        verbose_name_plural = _("rollout permissions of people")


class RolloutGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Rollout, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("rollout permission of a group")
        verbose_name_plural = _("rollout permissions of groups")


class Heartbeat(models.Model):
    """When a scheduled Celery task last ran: proof that beat and a worker are alive, shown
    on /healthz. One row per name, overwritten; nothing else reads it."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return f"{self.name} @ {self.seen_at:%Y-%m-%d %H:%M:%S}"
