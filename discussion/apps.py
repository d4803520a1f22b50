from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionConfig(AppConfig):
    name = "discussion"
    verbose_name = _("Discussion")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # My work lists a person's unread mentions: core's registry asks discussion for them.
        from core.waiting import register_waiting
        from discussion.waiting import mentions_unread, mentions_waiting

        register_waiting("mention", mentions_waiting, pending=mentions_unread)
