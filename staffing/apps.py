from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from rollout.data_version import Owned, via

REQUEST = ("request_id", "roles_staffingrequest")

# The updated_at triggers (core.updated_at_stamps), as staffing's migration 0004 makes them.
STAMPED_TABLES = ("roles_commitment", "roles_staffingrequest")
STAMPS_MIGRATION = ("staffing", "0004_updated_at_stamped_by_triggers")


class StaffingConfig(AppConfig):
    name = "staffing"
    verbose_name = _("Staffing")
    default_auto_field = "django.db.models.BigAutoField"
    # Rows that belong to a rollout, with the way to it (rollout.data_version).
    data_version_owned = (
        Owned("roles_staffingrequest"),
        via("roles_staffinganswer", REQUEST),
        via("staffing_counterofferreply", ("answer_id", "roles_staffinganswer"), REQUEST),
        via("roles_commitment", REQUEST),
        via("roles_commitmentevent", ("commitment_id", "roles_commitment"), REQUEST),
        Owned("roles_stanceassessment"),
    )

    def ready(self) -> None:
        from core.sqlite_table_rebuilds import triggers_around_migrate
        from core.updated_at_stamps import Stamped

        stamped = Stamped(STAMPS_MIGRATION, STAMPED_TABLES)
        triggers_around_migrate(
            self, name="stamps", made_by=stamped.migration, create=stamped.create, drop=stamped.drop
        )
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
