"""Staffing: the executive asks a department for hours, the department's middle manager
answers by committing named people, the people confirm. A change of mind is a new row
(a new commitment that replaces the old one from a date, or an event), never an edit
that loses what was promised before."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roles.models.people import Department
from rollout.models import Rollout


class Purpose(models.TextChoices):
    PROCESS_ANALYSIS = "process_analysis", _("Process analysis")
    DATA_CLEANUP = "data_cleanup", _("Data clean-up")
    KEY_USER = "key_user", _("Key user")
    TESTING = "testing", _("Testing")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")


# The choice classes live at module level because a model's nested Meta cannot see the
# model's own namespace, and the CheckConstraints below must take their values from them:
# a value added to a class then changes the constraint, and makemigrations notices.
class StaffingRequestStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for the manager")
    COMMITTED = "committed", _("Committed in full")
    PARTIAL = "partial", _("Counter-offer (less)")
    DECLINED = "declined", _("Declined")


class StaffingRequest(models.Model):
    Status = StaffingRequestStatus

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.PROTECT, related_name="requests"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=5, decimal_places=1)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WAITING
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # Stamped by a database trigger on every change of the row (core.updated_at_stamps), so
    # the API's updated_since sees changes made without a full save too.
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)

    class Meta:
        db_table = (
            "roles_staffingrequest"  # moved from roles by state only: the table keeps its name
        )
        verbose_name = _("staffing request")
        verbose_name_plural = _("staffing requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["rollout", "status"], name="request_rollout_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week__gt=0),
                name="request_hours_positive",
                violation_error_message=_("Ask for more than 0 hours a week."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="request_ends_after_start",
                violation_error_message=_("The end date comes before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=StaffingRequestStatus.values), name="request_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(purpose__in=Purpose.values), name="request_purpose_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department} · {self.hours_per_week} h/week · {self.get_purpose_display()}"


class StaffingAnswerKind(models.TextChoices):
    COMMIT = "commit", _("Committed")
    COUNTER = "counter", _("Counter-offer")
    DECLINE = "decline", _("Declined")


class StaffingAnswer(models.Model):
    """The manager's answer to a request; the reason is required unless it is met in full."""

    Kind = StaffingAnswerKind

    request = models.ForeignKey(
        StaffingRequest, verbose_name=_("request"), on_delete=models.PROTECT, related_name="answers"
    )
    kind = models.CharField(_("answer"), max_length=20, choices=Kind.choices)
    hours_per_week = models.DecimalField(
        _("hours per week committed"), max_digits=5, decimal_places=1
    )
    reason = models.TextField(_("reason"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        db_table = (
            "roles_staffinganswer"  # moved from roles by state only: the table keeps its name
        )
        verbose_name = _("staffing answer")
        verbose_name_plural = _("staffing answers")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=StaffingAnswerKind.values), name="answer_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind=StaffingAnswerKind.COMMIT) | ~Q(reason=""),
                name="answer_reason_unless_in_full",
                violation_error_message=_("Say why you commit less than asked, or decline."),
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=0), name="answer_hours_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} · {self.get_kind_display()}"


class CounterOfferReply(models.Model):
    """The executive's reply to a manager's counter-offer: accepted (the request then asks
    for what was offered; what it asked before is kept here) or refused with the reason (the
    request waits for the manager's answer again). Written once per counter-offer."""

    answer = models.OneToOneField(
        StaffingAnswer,
        verbose_name=_("counter-offer"),
        on_delete=models.PROTECT,
        related_name="reply",
    )
    accepted = models.BooleanField(_("accepted"))
    reason = models.TextField(_("reason"), blank=True)
    asked_hours = models.DecimalField(
        _("hours per week asked before"), max_digits=5, decimal_places=1
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reply to a counter-offer")
        verbose_name_plural = _("replies to counter-offers")
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted=True) | ~Q(reason=""),
                name="counter_offer_refusal_says_why",
                violation_error_message=_("Say why you refuse the counter-offer."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.answer} · {self.accepted}"


class CommitmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for the person")
    CONFIRMED = "confirmed", _("Confirmed")
    CONFLICT = "conflict", _("Conflict raised")
    ENDED = "ended", _("Ended")


class Commitment(models.Model):
    Status = CommitmentStatus

    request = models.ForeignKey(
        StaffingRequest,
        verbose_name=_("request"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("committed"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # Stamped by a database trigger on every change of the row (core.updated_at_stamps), so
    # the API's updated_since sees changes made without a full save too.
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)
    history = HistoricalRecords(
        excluded_fields=["updated_at"], table_name="roles_historicalcommitment"
    )

    class Meta:
        db_table = "roles_commitment"  # moved from roles by state only: the table keeps its name
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["start_date", "pk"]
        indexes = [
            models.Index(fields=["person", "status", "start_date"], name="commitment_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week__gt=0),
                name="commitment_hours_positive",
                violation_error_message=_("Commit more than 0 hours a week."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="commitment_ends_after_start",
                violation_error_message=_("The end date comes before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=CommitmentStatus.values), name="commitment_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.hours_per_week} h/week · {self.start_date}–{self.end_date}"

    @property
    def holds_capacity(self) -> bool:
        return self.status in (self.Status.PROPOSED, self.Status.CONFIRMED)


class CommitmentEventKind(models.TextChoices):
    COMMITTED = "committed", _("Committed")
    CONFIRMED = "confirmed", _("Confirmed by the person")
    CONFLICT = "conflict", _("Conflict raised by the person")
    HOURS_CHANGED = "hours_changed", _("Hours changed")
    PULLED_BACK = "pulled_back", _("Pulled back")


class CommitmentEvent(models.Model):
    """The history of a commitment: who did what, when and why."""

    Kind = CommitmentEventKind

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        db_table = (
            "roles_commitmentevent"  # moved from roles by state only: the table keeps its name
        )
        verbose_name = _("commitment event")
        verbose_name_plural = _("commitment events")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CommitmentEventKind.values), name="commitment_event_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[CommitmentEventKind.COMMITTED, CommitmentEventKind.CONFIRMED])
                | ~Q(reason=""),
                name="commitment_event_reason_for_changes",
                violation_error_message=_("Say why."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment} · {self.get_kind_display()}"


class ManagerStance(models.TextChoices):
    DRIVING = "driving", _("Driving (动力中层)")
    FRICTION = "friction", _("Friction (摩擦中层)")
    RESISTANCE = "resistance", _("Resistance (阻力中层)")


class StanceAssessment(models.Model):
    """The executive's judgement of a middle manager: driving, friction or resistance.
    The data's signals are shown beside it and never overwrite it."""

    Stance = ManagerStance

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.PROTECT, related_name="stances"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("middle manager"),
        on_delete=models.PROTECT,
        related_name="stance_assessments",
    )
    stance = models.CharField(_("stance"), max_length=20, choices=Stance.choices)
    reason = models.TextField(_("reason"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("assessed"), auto_now_add=True)

    class Meta:
        db_table = (
            "roles_stanceassessment"  # moved from roles by state only: the table keeps its name
        )
        verbose_name = _("stance assessment")
        verbose_name_plural = _("stance assessments")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stance__in=ManagerStance.values),
                name="stance_valid",
            ),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="stance_needs_reason",
                violation_error_message=_("Give the reason for your assessment."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.manager} · {self.get_stance_display()}"
