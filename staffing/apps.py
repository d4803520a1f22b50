from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "staffing"
    verbose_name = _("Staffing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # roles grants what a committed person needs, notifications sweeps and words
        # staffing's reminders and rollout's calendar gaps count staffing's dates, all
        # without importing staffing: staffing registers each part here.
        from staffing.calendar_dates import calendar_dates_register
        from staffing.discussion import discussion_register
        from staffing.permissions import grant_sources_register
        from staffing.reminder_rules import reminders_register
        from staffing.waiting import waiting_register

        calendar_dates_register()
        grant_sources_register()
        reminders_register()
        waiting_register()
        # discussion reaches a request's thread through staffing's own access call.
        discussion_register()
