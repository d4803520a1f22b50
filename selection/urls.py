from django.urls import URLPattern, URLResolver, path

from core.urls import for_rollout
from selection import criteria_rates_views as more
from selection import views

PREFIX = "selection/"

app_name = "selection"

urlpatterns: list[URLPattern | URLResolver] = [
    *for_rollout(
        [
            path(PREFIX, views.overview, name="selection"),
            path(f"{PREFIX}vendors/", views.vendor_new, name="vendor_new"),
            path(f"{PREFIX}weights/", views.weights, name="selection_weights"),
            path(f"{PREFIX}open/", views.scoring_open, name="scoring_open"),
            path(f"{PREFIX}scorecard/", views.scorecard, name="scorecard"),
            path(f"{PREFIX}submit/", views.scores_submit, name="scores_submit"),
            path(f"{PREFIX}reopen/", views.scores_reopen, name="scores_reopen"),
            path(f"{PREFIX}results/", views.results, name="selection_results"),
            path(f"{PREFIX}cost-benefit/", views.cost_benefit, name="cost_benefit"),
            path(f"{PREFIX}rates/", more.department_rates, name="department_rates"),
            path(f"{PREFIX}criteria/", more.criteria, name="criteria"),
            path(f"{PREFIX}criteria/<int:pk>/", more.criterion_edit, name="criterion_edit"),
            path(
                f"{PREFIX}criteria/<int:pk>/remove/", more.criterion_remove, name="criterion_remove"
            ),
            path(f"{PREFIX}negotiation/", views.negotiation, name="negotiation"),
            path(f"{PREFIX}recommend/", views.recommend, name="selection_recommend"),
            path(f"{PREFIX}export.<str:fmt>", views.export, name="selection_export"),
        ]
    )
]
