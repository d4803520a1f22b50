from django.urls import URLPattern, URLResolver, path

from core.urls import for_rollout
from rollout.views import calendar

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
                "calendar/known-until/", calendar.calendar_known_until, name="calendar_known_until"
            ),
        ]
    )
]
