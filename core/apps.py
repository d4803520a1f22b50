from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared helpers with no domain model; imports Django and libraries only, never the
    project's other apps (an import-linter contract in pyproject.toml)."""

    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from core.middleware import session_activity_start

        # The idle-session clock starts at sign-in (see IdleSessionTimeoutMiddleware).
        user_logged_in.connect(session_activity_start, dispatch_uid="core_session_start")
