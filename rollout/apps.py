from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolloutConfig(AppConfig):
    name = "rollout"
    verbose_name = _("Rollouts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from core.middleware import session_activity_start

        # The idle-session clock starts at sign-in (see IdleSessionTimeoutMiddleware).
        user_logged_in.connect(session_activity_start, dispatch_uid="rollout_session_start")
