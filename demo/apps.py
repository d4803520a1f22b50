from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo company and the benchmark company: seed_demo, seed_scale and their builders.
    No models; it sits at the top, so it may import every app and no app imports it."""

    name = "demo"
    verbose_name = _("Demo data")
