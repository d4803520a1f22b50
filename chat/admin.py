"""Administrators manage every channel (a rollout's or a department's; the webhook URL and
secret write-only) and see the chat outbox like the e-mail outboxes: state, attempts, the
robot's last answer (its key, token and signatures hidden), whether it was refused or is in
doubt (the robot may have posted it), "try again now" for the failed, and "send again" for
those in doubt, an administrator's choice since the group may see them twice."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from chat.forms import ChatChannelForm
from chat.models import ChatChannel, ChatHandle, ChatMessage, ChatState
from chat.services.channels import Secrets, chat_channel_save
from chat.services.outbox import chat_resend_in_doubt, chat_retry_now
from core.admin_base import RefusalsShownOnTheForm
from notifications.mail_admin import STATES, MailOutboxAdmin, MailStateFilter
from notifications.models import MailOutboxEntry


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


# An e-mail's states (failed: every message not sent after a failure, retried, refused
# or in doubt), and the two only a chat message knows.
CHAT_STATES: dict[str, Q] = {
    **STATES,
    ChatState.GAVE_UP: Q(sent_at__isnull=True, gave_up_at__isnull=False, in_doubt_at__isnull=True),
    ChatState.IN_DOUBT: Q(sent_at__isnull=True, in_doubt_at__isnull=False),
}


class ChatStateFilter(MailStateFilter):
    states = CHAT_STATES

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [
            (ChatState.WAITING, ChatState.WAITING.label),
            (ChatState.FAILED, _("Not sent after a failure (all)")),
            (ChatState.GAVE_UP, _("Refused")),
            (ChatState.IN_DOUBT, _("In doubt")),
            (ChatState.SENT, ChatState.SENT.label),
        ]


@admin.register(ChatMessage)
class ChatMessageAdmin(MailOutboxAdmin):
    list_display = [
        "channel",
        "key",
        "state_shown",
        "attempts",
        "last_error",
        "posted_at",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = [ChatStateFilter]
    list_select_related = ["channel"]
    search_fields = ["key", "last_error", "channel__name"]
    actions = ["retry_now", "resend_in_doubt"]

    @admin.display(description=_("state"))
    def state_shown(self, entry: MailOutboxEntry) -> str:
        # Refused and in doubt, which an e-mail's state does not know.
        return str(entry.chat_state.label) if isinstance(entry, ChatMessage) else ""

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

    @admin.action(
        description=_(
            "Send the selected chat messages in doubt again (the group may see them twice)"
        )
    )
    def resend_in_doubt(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        count = chat_resend_in_doubt(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d chat message in doubt will be sent again by the next dispatch.",
                "%(count)d chat messages in doubt will be sent again by the next dispatch.",
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
