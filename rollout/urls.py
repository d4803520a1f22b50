from django.urls import path

from rollout.views import calendar

urlpatterns = [
    path("rollouts/<int:rollout_pk>/calendar/", calendar.working_calendar, name="working_calendar"),
    path(
        "rollouts/<int:rollout_pk>/calendar/days/",
        calendar.calendar_day_new,
        name="calendar_day_new",
    ),
    path(
        "rollouts/<int:rollout_pk>/calendar/days/<int:pk>/remove/",
        calendar.calendar_day_remove,
        name="calendar_day_remove",
    ),
    path(
        "rollouts/<int:rollout_pk>/calendar/known-until/",
        calendar.calendar_known_until,
        name="calendar_known_until",
    ),
]
