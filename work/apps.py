from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Task.updated_at's triggers (core.updated_at_stamps), as work's migration 0009 makes them.
STAMPED = (
    ("work", "0009_updated_at_stamped_by_triggers"),
    ("rollout_task",),
    (("rollout_task_assignees", "rollout_task", "task_id"),),
)


class WorkConfig(AppConfig):
    name = "work"
    verbose_name = _("Work")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core.sqlite_table_rebuilds import triggers_around_migrate
        from core.updated_at_stamps import Stamped
        from work import logged_weeks

        # SQLite would refuse to rebuild rollout_task (how it alters a table) while the
        # log table's logged-week triggers name it, and loses the task's own stamp.
        triggers_around_migrate(
            self,
            name="logged_weeks",
            made_by=("work", "0008_logged_weeks"),
            create=lambda editor: logged_weeks.triggers_create(editor.connection),
            drop=lambda editor: logged_weeks.triggers_drop(editor.connection),
        )
        stamped = Stamped(*STAMPED)
        triggers_around_migrate(
            self, name="stamps", made_by=stamped.migration, create=stamped.create, drop=stamped.drop
        )
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
