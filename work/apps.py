from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from rollout.data_version import Owned, via

TASK = ("task_id", "rollout_task")
WORKSTREAM = ("workstream_id", "rollout_workstream")

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
    # Rows that belong to a rollout, with the way to it (rollout.data_version).
    data_version_owned = (
        Owned("rollout_objective"),
        Owned("rollout_workstream"),
        via("rollout_workstream_departments", WORKSTREAM),
        Owned("rollout_task"),
        via("rollout_task_assignees", TASK),
        via("rollout_task_blocked_by", ("from_task_id", "rollout_task")),
        via("rollout_tasklog", TASK),
        via("rollout_evidence", ("log_id", "rollout_tasklog"), TASK),
        via("rollout_taskreview", TASK),
        Owned("roles_qualityreview"),
        Owned("work_taskchange"),
        Owned("work_objectivechange"),
        Owned("work_workstreamchange"),
        Owned("work_implementationapproach"),
        Owned("work_improvementitem"),
        via("work_handoff", WORKSTREAM),
        via("work_oldwayretirement", WORKSTREAM),
    )
    # Derived from the task logs by their own triggers: a log's write already changes it.
    data_version_not_page_content = ("work_loggedweek",)

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
