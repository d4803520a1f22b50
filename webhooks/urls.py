from django.urls import URLPattern, URLResolver, path

from core.urls import for_rollout
from webhooks import views

app_name = "webhooks"

urlpatterns: list[URLPattern | URLResolver] = [
    *for_rollout(
        [
            path("webhooks/", views.endpoints, name="endpoints"),
            path("webhooks/new/", views.endpoint_new, name="endpoint_new"),
            path("webhooks/<int:pk>/rotate/", views.endpoint_rotate, name="endpoint_rotate"),
            path("webhooks/<int:pk>/active/", views.endpoint_active, name="endpoint_active"),
            path("webhooks/<int:pk>/delete/", views.endpoint_delete, name="endpoint_delete"),
            path("webhooks/<int:pk>/test/", views.endpoint_test, name="endpoint_test"),
        ]
    )
]
