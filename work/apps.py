from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _

LOGGED_WEEKS_MIGRATION = ("work", "0008_logged_weeks")
# Task.updated_at's triggers (core.updated_at_stamps), as work's migration 0009 makes them.
STAMPED = (
    ("work", "0009_updated_at_stamped_by_triggers"),
    ("rollout_task",),
    (("rollout_task_assignees", "rollout_task", "task_id"),),
)


def _sqlite_logged_week_triggers_drop(using: str, **kwargs: Any) -> None:
    """SQLite refuses to rebuild rollout_task (how it alters a table) while a trigger on
    the log table names it: the logged-week triggers go away for a migration and come back
    after it (as rollout's data-version triggers do)."""
    from django.db import connections

    from work import logged_weeks

    if connections[using].vendor == "sqlite":
        logged_weeks.triggers_drop(connections[using])


def _sqlite_logged_week_triggers_create(using: str, **kwargs: Any) -> None:
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from work import logged_weeks

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    if LOGGED_WEEKS_MIGRATION in MigrationRecorder(connection).applied_migrations():
        logged_weeks.triggers_create(connection)


class WorkConfig(AppConfig):
    name = "work"
    verbose_name = _("Work")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        pre_migrate.connect(
            _sqlite_logged_week_triggers_drop, sender=self, dispatch_uid="work_logged_week_drop"
        )
        post_migrate.connect(
            _sqlite_logged_week_triggers_create,
            sender=self,
            dispatch_uid="work_logged_week_create",
        )
        from core.updated_at_stamps import Stamped, sqlite_around_migrate

        drop, create = sqlite_around_migrate(Stamped(*STAMPED))
        pre_migrate.connect(drop, sender=self, dispatch_uid="work_stamps_drop", weak=False)
        post_migrate.connect(create, sender=self, dispatch_uid="work_stamps_create", weak=False)
        # notifications sweeps work's reminders and rollout's calendar gaps count work's
        # dates without importing work: work registers each part here.
        from work.calendar_dates import calendar_dates_register
        from work.discussion import discussion_register
        from work.reminder_rules import reminders_register
        from work.waiting import waiting_register

        calendar_dates_register()
        reminders_register()
        waiting_register()
        # discussion reaches a task's thread through work's own access call.
        discussion_register()
