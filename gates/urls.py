"""The gates' pages and the pages that combine apps (home, a rollout's overview, its
history). Same names and paths as before the move (no namespace yet)."""

from django.urls import path

from core.urls import for_rollout
from gates.views import audit, benefits, gates, home, overview, search, timeline

app_name = "gates"

urlpatterns = [
    path("", home.home, name="home"),
    path("my-roles/", home.role_panel, name="role_panel"),
    *for_rollout(
        [
            path("", overview.rollout_detail, name="rollout_detail"),
            path("gates/", gates.gates, name="gates"),
            path("gates/<int:pk>/", gates.gate_detail, name="gate_detail"),
            path("gates/<int:pk>/decide/", gates.gate_decide, name="gate_decide"),
            path("gates/<int:pk>/recommend/", gates.gate_recommend, name="gate_recommend"),
            path("gates/<int:pk>/criteria/", gates.criterion_new, name="criterion_new"),
            path("gates/<int:pk>/brief.pdf", gates.gate_brief, name="gate_brief"),
            path("criteria/<int:pk>/confirm/", gates.criterion_confirm, name="criterion_confirm"),
            path("criteria/<int:pk>/remove/", gates.criterion_remove, name="criterion_remove"),
            path("conditions/<int:pk>/met/", gates.condition_met, name="condition_met"),
            path("history/", audit.history, name="history"),
            path("search/", search.search, name="search"),
            path("timeline/", timeline.timeline, name="timeline"),
            path("benefits/", benefits.benefits, name="benefits"),
            path("benefits/realised/", benefits.benefit_record, name="benefit_record"),
        ]
    ),
]
