from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "goals"
    verbose_name = _("Goal and targets")
    default_auto_field = "django.db.models.BigAutoField"
