from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = _("Outgoing webhooks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The notifications dispatcher (every minute) empties the webhooks' outbox too.
        from notifications.outboxes import outbox_register
        from webhooks.sending import deliveries_send

        outbox_register("webhooks.deliveries", deliveries_send)
