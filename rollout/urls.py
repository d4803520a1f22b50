from django.urls import path

from rollout.views import audit, calendar, gates, project

urlpatterns = [
    path("rollouts/<int:rollout_pk>/", project.rollout_detail, name="rollout_detail"),
    path("rollouts/<int:rollout_pk>/gates/", gates.gates, name="gates"),
    path("rollouts/<int:rollout_pk>/gates/<int:pk>/", gates.gate_detail, name="gate_detail"),
    path("rollouts/<int:rollout_pk>/gates/<int:pk>/decide/", gates.gate_decide, name="gate_decide"),
    path(
        "rollouts/<int:rollout_pk>/gates/<int:pk>/recommend/",
        gates.gate_recommend,
        name="gate_recommend",
    ),
    path(
        "rollouts/<int:rollout_pk>/gates/<int:pk>/criteria/",
        gates.criterion_new,
        name="criterion_new",
    ),
    path("rollouts/<int:rollout_pk>/gates/<int:pk>/brief.pdf", gates.gate_brief, name="gate_brief"),
    path(
        "rollouts/<int:rollout_pk>/criteria/<int:pk>/confirm/",
        gates.criterion_confirm,
        name="criterion_confirm",
    ),
    path(
        "rollouts/<int:rollout_pk>/criteria/<int:pk>/remove/",
        gates.criterion_remove,
        name="criterion_remove",
    ),
    path(
        "rollouts/<int:rollout_pk>/conditions/<int:pk>/met/",
        gates.condition_met,
        name="condition_met",
    ),
    path("rollouts/<int:rollout_pk>/history/", audit.history, name="history"),
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
