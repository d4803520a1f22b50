"""The gates' pages and the pages that combine apps (home, a rollout's overview, its
history). Same names and paths as before the move (no namespace yet)."""

from django.urls import path

from gates.views import audit, gates, home, overview

urlpatterns = [
    path("", home.home, name="home"),
    path("rollouts/<int:rollout_pk>/", overview.rollout_detail, name="rollout_detail"),
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
]
