from django.urls import path

from core.urls import for_rollout
from discussion import views

app_name = "discussion"

urlpatterns = for_rollout(
    [
        path(
            "discussion/<slug:kind>/<int:target_pk>/comments/",
            views.comment_new,
            name="comment_new",
        ),
        path("discussion/comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
        path("discussion/comments/<int:pk>/remove/", views.comment_remove, name="comment_remove"),
    ]
)
