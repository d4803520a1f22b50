from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolloutConfig(AppConfig):
    name = "rollout"
    verbose_name = _("Rollouts")

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
