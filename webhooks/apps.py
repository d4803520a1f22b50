from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from rollout.data_version import Owned


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = _("Outgoing webhooks")
    default_auto_field = "django.db.models.BigAutoField"
    # Rows that belong to a rollout, with the way to it (rollout.data_version).
    data_version_owned = (Owned("webhooks_webhookendpoint"),)
    # Deliveries: the outbox, written too often to forget a rollout's cache for.
    data_version_not_page_content = ("webhooks_webhookdelivery",)

    def ready(self) -> None:
        # The notifications dispatcher (every minute) empties the webhooks' outbox too.
        from notifications.outboxes import outbox_register
        from webhooks.sending import deliveries_send

        outbox_register("webhooks.deliveries", deliveries_send)
