from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from rollout.data_version import Owned


class RolloutConfig(AppConfig):
    name = "rollout"
    verbose_name = _("Rollouts")
    # Rows that belong to a rollout, with the way to it (rollout.data_version).
    data_version_owned = (
        Owned("rollout_rolloutuserobjectpermission", ("content_object_id",)),
        Owned("rollout_rolloutgroupobjectpermission", ("content_object_id",)),
    )

    def ready(self) -> None:
        from core.sqlite_table_rebuilds import triggers_around_migrate
        from rollout import data_version

        # The data-version triggers name rollout_rollout and the parents they look the
        # rollout up through: on SQLite they would stop a rebuild of any of those tables.
        triggers_around_migrate(
            self,
            name="data_version",
            made_by=("rollout", "0017_data_version_triggers"),
            create=data_version.triggers_create,
            drop=data_version.triggers_drop,
        )
