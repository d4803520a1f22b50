"""People, departments, role assignments on a rollout and the duty/taboo catalogue."""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rollout.localized import localized
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

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self.name_en, self.name_zh_hans)


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
                condition=Q(preferred_language__in=["en", "zh-hans"]),
                name="user_preferred_language_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username


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

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["rollout", "role", "seat", "started_at", "pk"]
        indexes = [models.Index(fields=["person", "ended_at"], name="assignment_person_active")]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in Role]), name="assignment_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(seat__in=["", *[s.value for s in Seat]]), name="assignment_seat_valid"
            ),
            # A middle manager answers for exactly one department; nobody else has one.
            models.CheckConstraint(
                condition=(Q(role="manager") & Q(department__isnull=False))
                | (~Q(role="manager") & Q(department__isnull=True)),
                name="assignment_department_iff_manager",
                violation_error_message=_(
                    "A middle manager needs a department; the other roles take none."
                ),
            ),
            # A selection-team member sits in exactly one seat; nobody else has one.
            models.CheckConstraint(
                condition=(Q(role="selector") & ~Q(seat="")) | (~Q(role="selector") & Q(seat="")),
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
                condition=Q(role="executive", ended_at__isnull=True),
                name="one_active_executive_per_rollout",
                violation_error_message=_("This rollout already has an executive."),
            ),
            models.UniqueConstraint(
                fields=["rollout", "department"],
                condition=Q(role="manager", ended_at__isnull=True),
                name="one_active_manager_per_department",
                violation_error_message=_(
                    "This department already has a middle manager on this rollout."
                ),
            ),
            models.UniqueConstraint(
                fields=["rollout", "person", "role", "seat"],
                condition=Q(ended_at__isnull=True) & ~Q(role="manager"),
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


class CatalogueEntry(models.Model):
    """One duty, taboo, seat question or quality of a role, in both languages."""

    class Kind(models.TextChoices):
        DUTY = "duty", _("Must do")
        TABOO = "taboo", _("Must not do")
        QUESTION = "question", _("Question of the seat")
        QUALITY = "quality", _("Quality")

    key = models.CharField(_("key"), max_length=80, unique=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    seat = models.CharField(_("seat"), max_length=20, choices=Seat.choices, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_en = models.CharField(_("title (English)"), max_length=120)
    title_zh_hans = models.CharField(_("title (Simplified Chinese)"), max_length=120)
    text_en = models.TextField(_("text (English)"))
    text_zh_hans = models.TextField(_("text (Simplified Chinese)"))

    class Meta:
        verbose_name = _("catalogue entry")
        verbose_name_plural = _("catalogue entries")
        ordering = ["role", "seat", "kind", "order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in Role]), name="catalogue_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["duty", "taboo", "question", "quality"]),
                name="catalogue_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(role="selector") | Q(seat=""), name="catalogue_seat_only_for_selector"
            ),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def title(self) -> str:
        return localized(self.title_en, self.title_zh_hans)

    @property
    def text(self) -> str:
        return localized(self.text_en, self.text_zh_hans)


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
