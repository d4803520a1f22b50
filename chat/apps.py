from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from rollout.data_version import Owned


class ChatConfig(AppConfig):
    name = "chat"
    verbose_name = _("Chat robots")
    default_auto_field = "django.db.models.BigAutoField"
    # Rows that belong to a rollout, with the way to it (rollout.data_version).
    data_version_owned = (Owned("chat_chatchannel"),)
    # Chat traffic: written too often to forget a rollout's cache for.
    data_version_not_page_content = ("chat_chatmessage", "chat_chatrequest")

    def ready(self) -> None:
        # notifications' dispatcher tells chat of the reminders it sent (chat writes its rows
        # in that transaction) and empties chat's outbox after the reminders, without
        # importing chat: chat registers both here.
        from chat.services.messages import chat_reminders_put
        from chat.services.outbox import chat_outbox_send
        from notifications.outboxes import outbox_register
        from notifications.reminders_sent import reminders_sent_register

        reminders_sent_register("chat.reminders", chat_reminders_put)
        outbox_register("chat.messages", chat_outbox_send)
