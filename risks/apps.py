from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from rollout.data_version import Owned


class RisksConfig(AppConfig):
    name = "risks"
    verbose_name = _("Risks")
    default_auto_field = "django.db.models.BigAutoField"
    # Rows that belong to a rollout, with the way to it (rollout.data_version).
    data_version_owned = (Owned("risks_risk"), Owned("risks_riskreview"))

    def ready(self) -> None:
        # notifications sweeps the overdue mitigations, and core's My work lists them,
        # without importing this app: it registers each part here.
        from risks.reminder_rules import reminders_register
        from risks.waiting import waiting_register

        reminders_register()
        waiting_register()
