from django.urls import path

from sso import oidc_views

app_name = "sso"

urlpatterns = [
    path("oidc/authenticate/", oidc_views.oidc_authenticate, name="oidc_authenticate"),
    path("oidc/callback/", oidc_views.oidc_callback, name="oidc_callback"),
]
