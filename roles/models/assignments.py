"""The four roles, the five seats, and who holds which role on a rollout."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roles.models.people import Department
from rollout.models import Rollout


class Role(models.TextChoices):
    EXECUTIVE = "executive", _("Executive")
    MANAGER = "manager", _("Middle manager")
    SELECTOR = "selector", _("Selection team member")
    MEMBER = "member", _("Implementation member")


class Seat(models.TextChoices):
    END_USERS = "end_users", _("End users")
    IT = "it", _("IT")
    FINANCE = "finance", _("Finance")
    NEGOTIATOR = "negotiator", _("Negotiators")
    SENIOR = "senior", _("Senior management")


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def active(self) -> "RoleAssignmentQuerySet":
        return self.filter(ended_at__isnull=True)


class RoleAssignment(models.Model):
    """A person holding one role on one rollout. Rows are never deleted: ending a role sets
    `ended_at`, so the history of who held what stays readable."""

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.PROTECT, related_name="assignments"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="manager_assignments",
        help_text=_("The department a middle manager answers for."),
    )
    seat = models.CharField(_("seat"), max_length=20, choices=Seat.choices, blank=True, default="")
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    end_reason = models.CharField(_("reason for ending"), max_length=300, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["rollout", "role", "seat", "started_at", "pk"]
        indexes = [models.Index(fields=["person", "ended_at"], name="assignment_person_active")]
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="assignment_role_valid"),
            models.CheckConstraint(
                condition=Q(seat__in=["", *Seat.values]), name="assignment_seat_valid"
            ),
            # A middle manager answers for exactly one department; nobody else has one.
            models.CheckConstraint(
                condition=(Q(role=Role.MANAGER) & Q(department__isnull=False))
                | (~Q(role=Role.MANAGER) & Q(department__isnull=True)),
                name="assignment_department_iff_manager",
                violation_error_message=_(
                    "A middle manager needs a department; the other roles take none."
                ),
            ),
            # A selection-team member sits in exactly one seat; nobody else has one.
            models.CheckConstraint(
                condition=(Q(role=Role.SELECTOR) & ~Q(seat=""))
                | (~Q(role=Role.SELECTOR) & Q(seat="")),
                name="assignment_seat_iff_selector",
                violation_error_message=_(
                    "A selection team member needs a seat; the other roles take none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="assignment_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["rollout"],
                condition=Q(role=Role.EXECUTIVE, ended_at__isnull=True),
                name="one_active_executive_per_rollout",
                violation_error_message=_("This rollout already has an executive."),
            ),
            models.UniqueConstraint(
                fields=["rollout", "department"],
                condition=Q(role=Role.MANAGER, ended_at__isnull=True),
                name="one_active_manager_per_department",
                violation_error_message=_(
                    "This department already has a middle manager on this rollout."
                ),
            ),
            models.UniqueConstraint(
                fields=["rollout", "person", "role", "seat"],
                condition=Q(ended_at__isnull=True) & ~Q(role=Role.MANAGER),
                name="no_duplicate_active_role",
                violation_error_message=_("This person already holds that role on this rollout."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.label} · {self.rollout}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    @property
    def label(self) -> str:
        """The role as people say it: 'Middle manager (Sales)', 'Selection team member (IT)'."""
        role = Role(self.role).label
        if self.role == Role.MANAGER and self.department is not None:
            return f"{role} ({self.department.name})"
        if self.role == Role.SELECTOR and self.seat:
            return f"{role} ({Seat(self.seat).label})"
        return str(role)
