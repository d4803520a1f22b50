from django.urls import URLPattern, URLResolver, path

from core.urls import for_rollout
from rollout.views import calendar, calendar_sources

app_name = "rollout"

urlpatterns: list[URLPattern | URLResolver] = [
    *for_rollout(
        [
            path("calendar/", calendar.working_calendar, name="working_calendar"),
            path("calendar/days/", calendar.calendar_day_new, name="calendar_day_new"),
            path(
                "calendar/days/<int:pk>/remove/",
                calendar.calendar_day_remove,
                name="calendar_day_remove",
            ),
            path(
                "calendar/days/<int:pk>/edit/", calendar.calendar_day_edit, name="calendar_day_edit"
            ),
            path(
                "calendar/known-until/", calendar.calendar_known_until, name="calendar_known_until"
            ),
            path(
                "calendar/load-chinese-holidays/",
                calendar_sources.calendar_load_chinese,
                name="calendar_load_chinese",
            ),
            path("calendar/import/", calendar_sources.calendar_import, name="calendar_import"),
            path("calendar/export.ics", calendar_sources.calendar_export, name="calendar_export"),
        ]
    )
]
