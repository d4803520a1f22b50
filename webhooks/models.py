"""Outgoing webhooks: the addresses a rollout's executive gives for its events, and one
delivery (an outbox row) per event and address.

A delivery is written in the transaction of what it tells (a decision, a verified task, a
commitment changed), so a rolled-back change sends nothing; the dispatcher posts it with no
transaction open and retries it with the outbox's backoff until the receiver takes it."""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from notifications.models import MailOutboxEntry


class WebhookEvent(models.TextChoices):
    DECISION_RECORDED = "decision.recorded", _("A gate decision is recorded")
    TASK_VERIFIED = "task.verified", _("A task is verified done")
    COMMITMENT_CHANGED = "commitment.changed", _("A commitment is made or changes")
    # Sent on request from the endpoints page, to that one address whatever it subscribes to.
    TEST = "webhook.test", _("A test event")


# Which switch of an endpoint subscribes it to each event (booleans rather than a JSON list:
# a filter on them works alike on PostgreSQL and SQLite, and costs one indexed query).
SUBSCRIPTION_FIELDS: dict[str, str] = {
    WebhookEvent.DECISION_RECORDED: "on_decision",
    WebhookEvent.TASK_VERIFIED: "on_task_verified",
    WebhookEvent.COMMITMENT_CHANGED: "on_commitment_changed",
}


class WebhookEndpoint(models.Model):
    rollout = models.ForeignKey(
        "rollout.Rollout",
        verbose_name=_("rollout"),
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
    )
    url = models.URLField(_("address"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    # core.sealed: the signing secret opens only with this installation's SECRET_KEY; it is
    # shown once, when made, and never again.
    secret_sealed = models.TextField(_("signing secret (sealed)"))
    on_decision = models.BooleanField(_("gate decisions"), default=True)
    on_task_verified = models.BooleanField(_("verified tasks"), default=True)
    on_commitment_changed = models.BooleanField(_("commitment changes"), default=True)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    secret_rotated_at = models.DateTimeField(_("secret made"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["rollout"], condition=Q(active=True), name="webhook_active")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(on_decision=True)
                | Q(on_task_verified=True)
                | Q(on_commitment_changed=True),
                name="webhook_subscribes_to_something",
                violation_error_message=_("Choose at least one event to send."),
            ),
            models.CheckConstraint(
                condition=Q(url__startswith="https://") | Q(url__startswith="http://"),
                name="webhook_url_http",
                violation_error_message=_("The address must start with https:// or http://."),
            ),
        ]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(MailOutboxEntry):
    """One event for one endpoint. `key` names what happened (the decision, the task's
    verification, the commitment's event): unique with the endpoint, so the same event is
    never queued twice for an address. `event_id` is the webhook-id header: the same on
    every attempt, so a receiver that got it once can drop a repeat."""

    outbox_kind: ClassVar[str] = "webhook"

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        verbose_name=_("endpoint"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    key = models.CharField(_("key"), max_length=200)
    event_id = models.UUIDField(_("event id"), default=uuid.uuid4)
    event = models.CharField(_("event"), max_length=40, choices=WebhookEvent.choices)
    payload = models.JSONField(_("payload"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "key"], name="webhook_delivery_once"),
            models.CheckConstraint(
                condition=Q(event__in=WebhookEvent.values), name="webhook_delivery_event_valid"
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"], condition=Q(sent_at__isnull=True), name="webhook_unsent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id}"
