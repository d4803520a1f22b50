from django.contrib import admin
from django.urls import include, path

from config.health import healthz
from config.reference import reference

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("reference/", reference, name="reference"),
    path("admin/", admin.site.urls),
    path("", include("roles.urls")),
    path("", include("notifications.urls")),
    path("", include("discussion.urls")),
    path("", include("staffing.urls")),
    path("", include("work.urls")),
    path("", include("rollout.urls")),
    path("", include("selection.urls")),
    path("", include("goals.urls")),
    path("", include("risks.urls")),
    path("", include("gates.urls")),
    path("", include("feeds.urls")),
    path("", include("webhooks.urls")),
    path("", include("chat.urls")),
    path("", include("sso.oidc_urls")),
    path("", include("api.urls")),
]

# 503 with Retry-After while the database is away; otherwise Django's own 500 page.
handler500 = "config.errors.server_error"
# Under /api/ these are RFC 9457 problems (api/problems.py), as every other API error is
# (api.middleware turns the rest).
handler404 = "config.errors.page_not_found"
handler400 = "config.errors.bad_request"
