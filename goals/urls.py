from django.urls import path

from core.urls import for_rollout
from goals import adoption_views, views

app_name = "goals"

urlpatterns = for_rollout(
    [
        path("goal/", views.goal_page, name="goal"),
        path("goal/text/", views.goal_text, name="goal_text"),
        path("goal/targets/", views.target_new, name="target_new"),
        path("goal/targets/<int:pk>/edit/", views.target_edit, name="target_edit"),
        path("goal/targets/<int:pk>/actuals/", views.actual_new, name="actual_new"),
        path("goal/import/", views.actuals_import_page, name="actuals_import"),
        path("adoption/", adoption_views.adoption_page, name="adoption"),
        path("adoption/measures/", adoption_views.measure_new, name="measure_new"),
        path("adoption/values/", adoption_views.adoption_value_new, name="adoption_value_new"),
        path("adoption/import/", adoption_views.adoption_import_page, name="adoption_import"),
    ]
)
