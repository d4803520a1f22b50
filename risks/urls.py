from django.urls import URLPattern, URLResolver, path

from core.urls import for_rollout
from risks import views

app_name = "risks"

urlpatterns: list[URLPattern | URLResolver] = [
    *for_rollout(
        [
            path("risks/", views.register, name="risks"),
            path("risks/new/", views.risk_new, name="risk_new"),
            path("risks/starters/", views.starters_add, name="starters_add"),
            path("risks/review/", views.review_record, name="review_record"),
            path("risks/<int:pk>/edit/", views.risk_edit, name="risk_edit"),
        ]
    ),
]
