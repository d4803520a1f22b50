"""Administrators manage every channel (a rollout's or a department's; the webhook URL and
secret write-only) and see the chat outbox like the e-mail outboxes: state, attempts, the
robot's last answer, whether it gave up, and "try again now"."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from chat.forms import ChatChannelForm
from chat.models import ChatChannel, ChatHandle, ChatMessage
from chat.services.channels import Secrets, chat_channel_save
from chat.services.outbox import chat_retry_now
from core.admin_base import RefusalsShownOnTheForm
from notifications.mail_admin import MailOutboxAdmin


class ChatChannelAdminForm(ChatChannelForm):
    class Meta(ChatChannelForm.Meta):
        fields = ["rollout", "department", *ChatChannelForm.Meta.fields]


@admin.register(ChatChannel)
class ChatChannelAdmin(RefusalsShownOnTheForm, admin.ModelAdmin[ChatChannel]):
    form = ChatChannelAdminForm
    list_display = [
        "name",
        "platform",
        "rollout",
        "department",
        "language",
        "active",
        "webhook_hint",
    ]
    list_filter = ["platform", "active"]
    list_select_related = ["rollout", "department"]
    search_fields = ["name"]

    def save_model(self, request: HttpRequest, obj: ChatChannel, form: Any, change: bool) -> None:
        secrets = Secrets(form.cleaned_data["webhook_url"], form.cleaned_data["secret"])
        chat_channel_save(by=request.user, channel=obj, secrets=secrets)  # type: ignore[arg-type]  # the admin's user is a roles.User


@admin.register(ChatMessage)
class ChatMessageAdmin(MailOutboxAdmin):
    list_display = ["channel", "key", *MailOutboxAdmin.outbox_columns, "gave_up_at"]
    list_select_related = ["channel"]
    search_fields = ["key", "last_error", "channel__name"]
    actions = ["retry_now"]

    @admin.action(description=_("Try the selected failed chat messages again now"))
    def retry_now(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        count = chat_retry_now(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d chat message will be sent by the next dispatch.",
                "%(count)d chat messages will be sent by the next dispatch.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(ChatHandle)
class ChatHandleAdmin(admin.ModelAdmin[ChatHandle]):
    list_display = ["user", "platform", "handle"]
    list_filter = ["platform"]
    search_fields = ["user__username", "handle"]
    autocomplete_fields = ["user"]
