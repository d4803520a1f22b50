from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    name = "work"
    verbose_name = _("Work")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
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
