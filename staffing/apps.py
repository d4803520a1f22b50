from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _

# The updated_at triggers (core.updated_at_stamps), as staffing's migration 0004 makes them.
STAMPED_TABLES = ("roles_commitment", "roles_staffingrequest")
STAMPS_MIGRATION = ("staffing", "0004_updated_at_stamped_by_triggers")


class StaffingConfig(AppConfig):
    name = "staffing"
    verbose_name = _("Staffing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core.updated_at_stamps import Stamped, sqlite_around_migrate

        drop, create = sqlite_around_migrate(Stamped(STAMPS_MIGRATION, STAMPED_TABLES))
        pre_migrate.connect(drop, sender=self, dispatch_uid="staffing_stamps_drop", weak=False)
        post_migrate.connect(create, sender=self, dispatch_uid="staffing_stamps_create", weak=False)
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
