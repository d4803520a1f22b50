from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _

TRIGGERS_MIGRATION = ("rollout", "0017_data_version_triggers")


def _sqlite_data_version_triggers_drop(using: str, **kwargs: Any) -> None:
    """SQLite rebuilds a table to alter it and refuses the rebuild's rename while a
    trigger elsewhere names the table: the data-version triggers name rollout_rollout and
    the parents they look the rollout up through. They go away for the migration and come
    back after it (below), so no later migration has to know about them."""
    from django.db import connections

    from rollout import data_version

    connection = connections[using]
    if connection.vendor == "sqlite":
        data_version.triggers_drop(connection)


def _sqlite_data_version_triggers_create(using: str, **kwargs: Any) -> None:
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from rollout import data_version

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    if TRIGGERS_MIGRATION in MigrationRecorder(connection).applied_migrations():
        data_version.triggers_create(connection)


class RolloutConfig(AppConfig):
    name = "rollout"
    verbose_name = _("Rollouts")

    def ready(self) -> None:
        pre_migrate.connect(
            _sqlite_data_version_triggers_drop, sender=self, dispatch_uid="rollout_dv_drop"
        )
        post_migrate.connect(
            _sqlite_data_version_triggers_create, sender=self, dispatch_uid="rollout_dv_create"
        )
