from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelectionConfig(AppConfig):
    name = "selection"
    verbose_name = _("System selection")

    def ready(self) -> None:
        # My work (core.waiting) lists a seat's scorecard to fill without importing selection.
        from selection.waiting import waiting_register

        waiting_register()
