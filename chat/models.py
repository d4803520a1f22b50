"""Chat robots: a group's channel (a WeCom, DingTalk or Feishu robot of a rollout or a
department), the outbox of messages to it, and the people's chat ids for @-mentions."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from notifications.models import MailOutboxEntry


class ChatPlatform(models.TextChoices):
    WECOM = "wecom", _("WeCom group robot")
    DINGTALK = "dingtalk", _("DingTalk custom robot")
    FEISHU = "feishu", _("Feishu custom bot")


LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class ChatChannel(models.Model):
    """One robot in one group. The webhook URL carries the robot's access token and the
    secret signs each request: both are sealed (core.sealed) and never shown again."""

    Platform = ChatPlatform

    platform = models.CharField(_("platform"), max_length=10, choices=ChatPlatform.choices)
    rollout = models.ForeignKey(
        "rollout.Rollout",
        verbose_name=_("rollout"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="chat_channels",
    )
    department = models.ForeignKey(
        "roles.Department",
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="chat_channels",
    )
    name = models.CharField(_("name"), max_length=120)
    webhook_sealed = models.TextField(_("webhook URL (sealed)"))
    webhook_hint = models.CharField(_("webhook URL ends with"), max_length=8, blank=True)
    secret_sealed = models.TextField(_("signing secret (sealed)"), blank=True)
    keyword = models.CharField(
        _("keyword"),
        max_length=40,
        blank=True,
        help_text=_(
            "When the robot's security setting asks for a keyword, every message holds it."
        ),
    )
    language = models.CharField(
        _("language of the messages"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    send_reminders = models.BooleanField(_("reminders"), default=True)
    send_escalations = models.BooleanField(_("escalations"), default=True)
    send_decisions = models.BooleanField(_("decisions"), default=True)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # One dispatcher at a time sends to a robot (a conditional UPDATE takes it), so the
    # count of its requests in the last minute is not raced by a second dispatcher.
    sending_since = models.DateTimeField(_("sending since"), null=True, blank=True)

    class Meta:
        verbose_name = _("chat channel")
        verbose_name_plural = _("chat channels")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rollout__isnull=False, department__isnull=True)
                | Q(rollout__isnull=True, department__isnull=False),
                name="chat_channel_rollout_or_department",
            ),
            models.CheckConstraint(
                condition=Q(platform__in=ChatPlatform.values), name="chat_channel_platform_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=LANGUAGE_CODES), name="chat_channel_language_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ChatHandle(models.Model):
    """A person's id on a platform, for @-mentions: a WeCom userid, a DingTalk userId, a
    Feishu open_id (ou_…)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="chat_handles",
    )
    platform = models.CharField(_("platform"), max_length=10, choices=ChatPlatform.choices)
    handle = models.CharField(_("chat id"), max_length=80)

    class Meta:
        verbose_name = _("chat id")
        verbose_name_plural = _("chat ids")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "platform"], name="chat_handle_one_per_platform"
            ),
            models.CheckConstraint(
                condition=Q(platform__in=ChatPlatform.values), name="chat_handle_platform_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.platform}"


class ChatState(models.TextChoices):
    """Where a chat message stands, derived from its dates (see ChatMessage)."""

    WAITING = "waiting", _("Waiting to be sent")
    FAILED = "failed", _("Failed, will be retried")
    GAVE_UP = "gave_up", _("Refused: sent again only when an administrator says so")
    IN_DOUBT = (
        "in_doubt",
        _("In doubt: the robot may have posted it; sent again only when an administrator says so"),
    )
    SENT = "sent", _("Sent")


class ChatMessage(MailOutboxEntry):
    """One message for one channel: a reminder, an escalation, a decision or a test. Written
    in the transaction of what it tells (unique per channel and key: exactly once), sent by
    the dispatcher (chat.services.outbox), alone or in a digest with others.

    `posted_at` is committed before the request leaves, so an attempt whose outcome was
    never recorded (a timeout after sending, a worker that died) is seen as such: the
    message is then "in doubt" (`in_doubt_at`), never posted again by itself, since the
    group may already have it."""

    outbox_kind: ClassVar[str] = "chat"

    channel = models.ForeignKey(
        ChatChannel, verbose_name=_("channel"), on_delete=models.CASCADE, related_name="messages"
    )
    key = models.CharField(_("key"), max_length=200)
    text = models.TextField(_("text"))
    # The chat id to @-mention (the reminder's recipient, when they gave theirs).
    mention = models.CharField(_("mention"), max_length=80, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # A refusal that no retry mends (a bad signature, a missing keyword, a webhook that
    # does not exist): not tried again until an administrator says so.
    gave_up_at = models.DateTimeField(_("gave up"), null=True, blank=True)
    # When the request carrying it began (committed before it leaves); kept once sent.
    posted_at = models.DateTimeField(_("posting began"), null=True, blank=True)
    # The request may have been taken, but no answer said so (a timeout or a connection
    # broken after the request was sent, or a dispatcher that stopped while posting): not
    # sent again until an administrator says so, since the group may already have it.
    in_doubt_at = models.DateTimeField(_("in doubt since"), null=True, blank=True)
    # Sent inside another message's digest: that one's request is what the platform counted.
    digest_of = models.ForeignKey(
        "self",
        verbose_name=_("sent in the digest of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("chat message")
        verbose_name_plural = _("chat messages")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "key"], name="chat_message_once_per_channel"
            ),
            # Only a message whose request began can be in doubt.
            models.CheckConstraint(
                condition=Q(in_doubt_at__isnull=True) | Q(posted_at__isnull=False),
                name="chat_message_in_doubt_was_posted",
            ),
        ]
        indexes = [
            models.Index(
                fields=["channel", "id"],
                condition=Q(
                    sent_at__isnull=True, gave_up_at__isnull=True, in_doubt_at__isnull=True
                ),
                name="chat_message_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} · {self.key}"

    @property
    def chat_state(self) -> ChatState:
        if self.sent_at is not None:
            return ChatState.SENT
        if self.in_doubt_at is not None:
            return ChatState.IN_DOUBT
        if self.gave_up_at is not None:
            return ChatState.GAVE_UP
        return ChatState.FAILED if self.failed_at is not None else ChatState.WAITING


class ChatRequest(models.Model):
    """Each request made to a robot, when: the platforms count requests (refused ones too)
    per robot and minute, so the dispatcher counts them here, across every worker."""

    channel = models.ForeignKey(
        ChatChannel, verbose_name=_("channel"), on_delete=models.CASCADE, related_name="+"
    )
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("chat request")
        verbose_name_plural = _("chat requests")
        indexes = [models.Index(fields=["channel", "at"], name="chat_request_window")]

    def __str__(self) -> str:
        return f"{self.channel_id} · {self.at}"
