"""Reminders (an outbox) and what they become in the app (notifications).

A reminder is written in the same transaction as the business change or by the sweep,
with a unique key (what, whom, which level or period), so a retried task or a second
dispatcher can never send it twice. The dispatcher claims due rows with
SELECT ... FOR UPDATE SKIP LOCKED and turns each into exactly one notification."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from roles.models import EmailDigest


# The choice classes live at module level because a model's nested Meta cannot see the
# model's own namespace, and the CheckConstraints below must take their values from them:
# a value added to a class then changes the constraint, and makemigrations notices.
class ReminderKind(models.TextChoices):
    REQUEST_WAITING = "request_waiting", _("A staffing request waits for an answer")
    COMMITMENT_TO_CONFIRM = "commitment_to_confirm", _("A commitment waits for confirmation")
    COMMITMENT_CONFLICT = "commitment_conflict", _("A person raised a conflict")
    COMMITMENT_STARTS = "commitment_starts", _("A commitment starts soon")
    COMMITMENT_ENDS = "commitment_ends", _("A commitment ends soon")
    UNDER_FULFILLED = "under_fulfilled", _("Last week's committed hours were not worked")
    TASK_DUE = "task_due", _("A task is due soon")
    TASK_OVERDUE = "task_overdue", _("A task is overdue")
    GATE_WAITING = "gate_waiting", _("A gate waits for the executive's decision")
    GATE_DECIDE_AGAIN = "gate_decide_again", _("A gate on hold is to be decided again")
    CONDITION_DUE = "condition_due", _("A condition of a decision is due soon")
    CONDITION_OVERDUE = "condition_overdue", _("A condition of a decision is overdue")
    RISK_OVERDUE = "risk_overdue", _("A risk's mitigation is overdue")
    IMPROVEMENT_OVERDUE = "improvement_overdue", _("An improvement of a backlog is overdue")


class ReminderLevel(models.IntegerChoices):
    PERSON = 0, _("the person")
    MANAGER = 1, _("their manager")
    EXECUTIVE = 2, _("the executive")


class Reminder(models.Model):
    Kind = ReminderKind
    Level = ReminderLevel

    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, default=0)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    rollout = models.ForeignKey(
        "rollout.Rollout", verbose_name=_("rollout"), on_delete=models.CASCADE, related_name="+"
    )
    # What the message names (a person, a task title, hours...), rendered in the
    # recipient's language when it is sent.
    params = models.JSONField(_("details"), default=dict)
    url = models.CharField(_("link"), max_length=300)
    due_at = models.DateTimeField(_("due"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        db_table = "roles_reminder"  # moved from roles by state only: the table keeps its name
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(
                fields=["due_at"], condition=Q(sent_at__isnull=True), name="reminder_unsent_due"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ReminderKind.values), name="reminder_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(level__in=ReminderLevel.values), name="reminder_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.key


class Notification(models.Model):
    """What a person sees under the bell. One per reminder at most (the OneToOne is the
    database's guarantee of exactly once)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    reminder = models.OneToOneField(
        Reminder,
        verbose_name=_("reminder"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notification",
    )
    text = models.TextField(_("text"))
    url = models.CharField(_("link"), max_length=300)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Also set when the notification is resolved: the bell counts what still asks for
    # the person's attention, and a resolved one asks for nothing.
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # When what the reminder asked for was done (a request answered, a commitment
    # confirmed, a task claimed done, a gate decided, a condition met): shown as done.
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    # The digest e-mail that tells it; emailed_at is set when that one is sent.
    digest = models.ForeignKey(
        "DigestMailing",
        verbose_name=_("digest e-mail"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )

    class Meta:
        db_table = "roles_notification"  # moved from roles by state only: the table keeps its name
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"
            ),
            models.Index(
                fields=["recipient"],
                condition=Q(emailed_at__isnull=True),
                name="notification_not_emailed",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class MailState(models.TextChoices):
    """Where an outbox's e-mail stands, derived from its dates (see MailOutboxEntry)."""

    WAITING = "waiting", _("Waiting to be sent")
    FAILED = "failed", _("Failed, will be retried")
    SENT = "sent", _("Sent")


class MailOutboxEntry(models.Model):
    """An e-mail in an outbox (a decision's, a digest): written in the transaction of what it
    tells; the dispatcher claims it by one conditional UPDATE, talks to the mail server with
    no transaction open and marks it sent. A failed attempt (refused, server down, timeout)
    leaves it unsent, with its reason and the time of the next attempt, which comes later
    after each failure (notifications.services.mail_outbox), for ever: nothing is dropped,
    and administrators see what failed and why in the admin."""

    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("failed attempts"), default=0)
    failed_at = models.DateTimeField(_("last failed"), null=True, blank=True)
    last_error = models.TextField(_("reason of the last failure"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)

    # What the outbox carries, for what administrators are told of its failures (the admin
    # index's note): "mail", "chat" (chat robots' messages) or "webhook" (deliveries).
    outbox_kind: ClassVar[str] = "mail"

    class Meta:
        abstract = True

    @property
    def state(self) -> MailState:
        if self.sent_at is not None:
            return MailState.SENT
        return MailState.FAILED if self.failed_at is not None else MailState.WAITING


class DigestMailing(MailOutboxEntry):
    """One person's e-mail digest: the notifications it tells point at it (written in one
    short transaction by the digest run), so a notification goes in one digest only; they
    are marked e-mailed when the digest is sent, not before."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="digest_mailings",
    )
    frequency = models.CharField(_("frequency"), max_length=10, choices=EmailDigest.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("digest e-mail")
        verbose_name_plural = _("digest e-mails")
        constraints = [
            models.CheckConstraint(
                condition=Q(frequency__in=EmailDigest.values), name="digest_frequency_valid"
            )
        ]
        indexes = [
            models.Index(
                fields=["created_at"], condition=Q(sent_at__isnull=True), name="digest_unsent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.created_at:%Y-%m-%d}"
