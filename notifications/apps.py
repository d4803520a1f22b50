from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"
    # Reminders and notifications have a rollout but are not what its pages show
    # (rollout.data_version).
    data_version_not_page_content = ("roles_reminder", "roles_notification")

    def ready(self) -> None:
        # The digests' e-mail outbox, emptied by the dispatcher like the apps' outboxes: a
        # digest whose send failed goes when its next attempt comes.
        from notifications.outboxes import outbox_register
        from notifications.services.digests import digest_mailings_send

        outbox_register("notifications.digests", digest_mailings_send)
