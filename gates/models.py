"""Phases, their gates, the gates' criteria, the advice given on them and the executive's
decisions. A decision (and each of its conditions) is written once: database triggers
refuse UPDATE and DELETE of those rows (rollout's migration 0008), so a change of mind is
a new decision that points at the one it replaces.

These models moved here from rollout by state only: each keeps its table (rollout_*), and
so the triggers that guard those tables keep guarding them."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.localized import localized
from notifications.models import MailOutboxEntry
from rollout.models import Rollout
from selection.models import Vendor
from work.models import ImplementationApproach, Task


# The choice classes live at module level because a model's nested Meta cannot see the
# model's own namespace, and the CheckConstraints below must take their values from them:
# a value added to a class then changes the constraint, and makemigrations notices.
class GateStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    PENDING = "pending", _("Waiting for the executive")
    HELD = "held", _("On hold")
    PASSED = "passed", _("Passed")
    STOPPED = "stopped", _("Stopped")


# Waiting for the executive's decision (a held gate is decided again): the one definition
# of an open gate, for Gate.is_open and for every query that looks for open gates.
OPEN_GATE_STATUSES = (GateStatus.PENDING, GateStatus.HELD)


class Gate(models.Model):
    """The end of a phase, where the executive decides whether the rollout goes on."""

    Status = GateStatus

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.PROTECT, related_name="gates"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    key = models.SlugField(_("key"), max_length=30)
    name_en = models.CharField(_("phase (English)"), max_length=120)
    name_zh_hans = models.CharField(_("phase (Simplified Chinese)"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UPCOMING
    )
    opened_at = models.DateTimeField(_("waiting since"), null=True, blank=True)
    decide_again_on = models.DateField(_("decide again on"), null=True, blank=True)
    # Bumped by every change to what the gate shows, so a decision made on an older page
    # is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(table_name="rollout_historicalgate")

    class Meta:
        db_table = "rollout_gate"  # moved from rollout by state only
        verbose_name = _("gate")
        verbose_name_plural = _("gates")
        ordering = ["rollout", "order"]
        constraints = [
            models.UniqueConstraint(fields=["rollout", "order"], name="one_gate_per_place"),
            models.UniqueConstraint(fields=["rollout", "key"], name="one_gate_per_key"),
            models.CheckConstraint(
                condition=Q(status__in=GateStatus.values),
                name="gate_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self.name_en, self.name_zh_hans)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_GATE_STATUSES


class GateCriterionKind(models.TextChoices):
    GOAL_SET = "goal_set", _("The rollout's goal is set, with a measurable target")
    OBJECTIVES_SET = "objectives_set", _("Every department has an objective")
    SEATS_FILLED = "seats_filled", _("All five selection seats are filled")
    RECOMMENDED = "recommended", _("The selection team recommends a vendor")
    STAFFING_FULFILLED = "staffing_fulfilled", _("Every department's staffing fulfilled")
    CORE_VERIFIED = "core_verified", _("Core workstreams' tasks verified")
    RISKS_REVIEWED = "risks_reviewed", _("The risks were reviewed since the last gate")
    BACKLOGS_KEPT = (
        "backlogs_kept",
        _("Every department's improvement backlog has no overdue item and one done"),
    )
    ADOPTION_RECORDED = (
        "adoption_recorded",
        _("Every department recorded its adoption measures for last month"),
    )
    MANUAL = "manual", _("Confirmed by a named person")


class GateCriterion(models.Model):
    Kind = GateCriterionKind

    gate = models.ForeignKey(
        Gate, verbose_name=_("gate"), on_delete=models.CASCADE, related_name="criteria"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    threshold = models.PositiveSmallIntegerField(_("threshold (%)"), null=True, blank=True)
    text_en = models.CharField(_("text (English)"), max_length=200)
    text_zh_hans = models.CharField(_("text (Simplified Chinese)"), max_length=200, blank=True)
    confirmer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by (named person)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    history = HistoricalRecords(table_name="rollout_historicalgatecriterion")

    class Meta:
        db_table = "rollout_gatecriterion"  # moved from rollout by state only
        verbose_name = _("gate criterion")
        verbose_name_plural = _("gate criteria")
        ordering = ["gate", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold__isnull=True) | Q(threshold__lte=100),
                name="criterion_threshold_percent",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=GateCriterionKind.values), name="gate_criterion_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(kind=GateCriterionKind.MANUAL) | Q(confirmer__isnull=False),
                name="manual_criterion_names_its_confirmer",
                violation_error_message=_("Name the person who confirms this criterion."),
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return localized(self.text_en, self.text_zh_hans)


class GateAdviceKind(models.TextChoices):
    GO = "go", _("Go")
    HOLD = "hold", _("Hold")
    RECYCLE = "recycle", _("Recycle")
    STOP = "stop", _("Stop")


class GateAdvice(models.Model):
    """Advice before the decision, from a middle manager or the selection team's senior
    seat. The executive decides. (Named advice so as not to be taken for the selection
    team's Recommendation of a vendor; its table keeps the old name.)"""

    Advice = GateAdviceKind

    gate = models.ForeignKey(
        Gate, verbose_name=_("gate"), on_delete=models.PROTECT, related_name="recommendations"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    as_role = models.CharField(_("as"), max_length=120)
    advice = models.CharField(_("recommendation"), max_length=20, choices=Advice.choices)
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        db_table = "rollout_recommendation"  # moved from rollout by state only
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(advice__in=GateAdviceKind.values),
                name="recommendation_advice_valid",
            ),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="recommendation_needs_reason",
                violation_error_message=_("Give the reason for your recommendation."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.by} · {self.get_advice_display()}"


class DecisionOutcome(models.TextChoices):
    GO = "go", _("Go")
    GO_WITH_CONDITIONS = "go_conditions", _("Go with conditions")
    HOLD = "hold", _("Hold")
    RECYCLE = "recycle", _("Recycle")
    STOP = "stop", _("Stop")


GOES = [DecisionOutcome.GO, DecisionOutcome.GO_WITH_CONDITIONS]


class Decision(models.Model):
    """Written once; the database refuses to change or delete it."""

    Outcome = DecisionOutcome

    gate = models.ForeignKey(
        Gate, verbose_name=_("gate"), on_delete=models.PROTECT, related_name="decisions"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"))
    decide_again_on = models.DateField(_("decide again on"), null=True, blank=True)
    recycle_work = models.TextField(_("work to redo"), blank=True)
    # Recycle: the phase to redo (this gate's or an earlier one) and the tasks reopened.
    recycle_phase = models.ForeignKey(
        Gate,
        verbose_name=_("phase to redo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recycle_tasks = models.ManyToManyField(
        Task,
        verbose_name=_("tasks to redo"),
        blank=True,
        related_name="+",
        db_table="gates_decision_recycle_tasks",
    )
    # The selection gate's Go: the vendor chosen, and why when it is not the one the
    # selection team recommended.
    vendor = models.ForeignKey(
        Vendor,
        verbose_name=_("vendor chosen"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    vendor_reason = models.TextField(_("why not the recommended vendor"), blank=True)
    # The contract or implementation gate's Go: how the rollout is implemented.
    approach = models.OneToOneField(
        ImplementationApproach,
        verbose_name=_("implementation approach"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision",
    )
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    evidence_hash = models.CharField(_("evidence fingerprint (SHA-256)"), max_length=64)
    gate_version = models.PositiveIntegerField(_("gate version"))
    waited_from = models.DateTimeField(_("waiting since"))
    submission = models.UUIDField(_("submission"), unique=True, default=uuid.uuid4)
    created_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        db_table = "rollout_decision"  # moved from rollout by state only
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="decision_needs_reason",
                violation_error_message=_("A decision needs its reason."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome=DecisionOutcome.HOLD) | Q(decide_again_on__isnull=False),
                name="hold_needs_a_date",
                violation_error_message=_("Say when you will decide again."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome=DecisionOutcome.RECYCLE) | ~Q(recycle_work=""),
                name="recycle_names_the_work",
                violation_error_message=_("Name the work to redo."),
            ),
            models.CheckConstraint(
                condition=Q(outcome=DecisionOutcome.RECYCLE) | Q(recycle_phase__isnull=True),
                name="only_recycle_names_a_phase",
            ),
            # A vendor and an approach are what a Go decides; nothing else records them.
            models.CheckConstraint(
                condition=Q(outcome__in=GOES) | Q(vendor__isnull=True, approach__isnull=True),
                name="only_go_names_vendor_or_approach",
            ),
            models.CheckConstraint(
                condition=Q(vendor_reason="") | Q(vendor__isnull=False),
                name="vendor_reason_needs_a_vendor",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=DecisionOutcome.values),
                name="decision_outcome_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gate} · {self.get_outcome_display()}"

    @property
    def waited(self) -> float:
        """Days the gate waited for this decision."""
        return (self.created_at - self.waited_from).total_seconds() / 86400


class DecisionCondition(models.Model):
    """A condition of a Go: an owner and a due date, reminded like a task. Written once;
    its completion is a separate row."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="conditions"
    )
    text = models.CharField(_("condition"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="decision_conditions",
    )
    due_date = models.DateField(_("due"))

    class Meta:
        db_table = "rollout_decisioncondition"  # moved from rollout by state only
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.text


class ConditionMet(models.Model):
    condition = models.OneToOneField(
        DecisionCondition, verbose_name=_("condition"), on_delete=models.PROTECT, related_name="met"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("met"), auto_now_add=True)

    class Meta:
        db_table = "rollout_conditionmet"  # moved from rollout by state only
        verbose_name = _("condition met")
        verbose_name_plural = _("conditions met")

    def __str__(self) -> str:
        return f"{self.condition} ✓"


class DecisionMailing(MailOutboxEntry):
    """The outbox entry of a decision's e-mail: written with the decision, in its
    transaction; the dispatcher claims it, sends the mail outside any transaction and marks
    it sent (MailOutboxEntry: a failed attempt is kept with its reason and retried). A claim
    left unsent for long (the worker died between claiming and sending) is taken again: a
    mail may then go twice, never not at all."""

    decision = models.OneToOneField(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="mailing"
    )
    # One message goes to each language's readers: those already sent are not sent again
    # when a later one failed and the mailing is retried.
    languages_sent = models.JSONField(_("languages sent"), default=list, blank=True)

    class Meta:
        db_table = "rollout_decisionmailing"  # moved from rollout by state only
        verbose_name = _("decision e-mail")
        verbose_name_plural = _("decision e-mails")
        indexes = [
            models.Index(
                fields=["decision"], condition=Q(sent_at__isnull=True), name="decision_mail_unsent"
            )
        ]

    def __str__(self) -> str:
        return str(self.decision)


class DecisionBrief(models.Model):
    """A decision's brief in one language, exactly as the executive saw the evidence: its
    HTML is written with the decision (same transaction, from the same evidence pack whose
    fingerprint the decision stores); a worker turns it into a PDF once, and every download
    serves that file."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="briefs"
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    html = models.TextField(_("brief (HTML)"))
    pdf = models.FileField(_("brief (PDF)"), upload_to="briefs/%Y/%m/", blank=True)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)

    class Meta:
        db_table = "rollout_decisionbrief"  # moved from rollout by state only
        verbose_name = _("decision brief")
        verbose_name_plural = _("decision briefs")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "language"], name="one_brief_per_decision_language"
            ),
            models.CheckConstraint(
                condition=Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="decision_brief_language_valid",
            ),
            models.CheckConstraint(
                condition=Q(pdf="") | Q(rendered_at__isnull=False),
                name="brief_pdf_has_render_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} · {self.language}"
