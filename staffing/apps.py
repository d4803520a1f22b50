from django.apps import AppConfig


class StaffingConfig(AppConfig):
    name = "staffing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # roles grants what a committed person needs without importing staffing.
        from staffing.permissions import grant_sources_register

        grant_sources_register()
