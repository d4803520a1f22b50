"""What administrators see of the webhooks: every rollout's endpoints (never their secret,
sealed or not), switched off or on through the services, and the deliveries as the other
outboxes show theirs (state, failed attempts, the receiver's last answer, next attempt),
with "try again now"."""

from typing import Any

from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_base import RecordAdmin
from core.errors import AppError
from core.views import signed_in
from notifications.mail_admin import MailOutboxAdmin
from notifications.services.mail_outbox import mail_retry_now
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.services import endpoint_active_set


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(RecordAdmin):
    list_display = ["url", "rollout", "active", "on_decision", "on_task_verified",
                    "on_commitment_changed", "created_by", "created_at"]  # fmt: skip
    list_filter = ["active", "rollout"]
    list_select_related = ["rollout", "created_by"]
    search_fields = ["url", "description"]
    exclude = ["secret_sealed"]
    # Django 6's reading of an address typed without its scheme, as the app's form does.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["switch_off", "switch_on"]

    def _switch(self, request: HttpRequest, queryset: QuerySet[Any], active: bool) -> None:
        """Through the service, as the executive's page does: a refusal (a staff member who
        does not manage the rollout's webhooks) is told, not a server error."""
        count = 0
        for endpoint in queryset.select_related("rollout"):
            try:
                endpoint_active_set(by=signed_in(request), endpoint=endpoint, active=active)
            except AppError as refusal:
                self.message_user(request, f"{endpoint}: {refusal}", messages.ERROR)
            else:
                count += 1
        if not count:
            return
        told = (
            ngettext("%(count)d endpoint switched on.", "%(count)d endpoints switched on.", count)
            if active
            else ngettext(
                "%(count)d endpoint switched off.", "%(count)d endpoints switched off.", count
            )
        )
        self.message_user(request, told % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Switch the selected endpoints off"))
    def switch_off(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._switch(request, queryset, False)

    @admin.action(description=_("Switch the selected endpoints on"))
    def switch_on(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._switch(request, queryset, True)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(MailOutboxAdmin):
    list_display = ["event", "endpoint", "created_at", *MailOutboxAdmin.outbox_columns]
    list_select_related = ["endpoint"]
    search_fields = ["endpoint__url", "last_error", "key"]

    @admin.action(description=_("Try the selected failed deliveries again now"))
    def retry_now(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        count = mail_retry_now(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery will be sent by the next dispatch, within a minute.",
                "%(count)d deliveries will be sent by the next dispatch, within a minute.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
