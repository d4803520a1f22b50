from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from rollout.data_version import Owned, via


class DiscussionConfig(AppConfig):
    name = "discussion"
    verbose_name = _("Discussion")
    default_auto_field = "django.db.models.BigAutoField"
    # Rows that belong to a rollout, with the way to it (rollout.data_version).
    data_version_owned = (
        Owned("discussion_comment"),
        via("discussion_mention", ("comment_id", "discussion_comment")),
    )

    def ready(self) -> None:
        # My work lists a person's unread mentions: core's registry asks discussion for them.
        from core.waiting import register_waiting
        from discussion.waiting import mentions_unread, mentions_waiting

        register_waiting("mention", mentions_waiting, pending=mentions_unread)
