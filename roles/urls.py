from django.contrib.auth import views as auth_views
from django.urls import path

from core.urls import for_rollout
from roles.views import passwords
from roles.views import people as views

app_name = "roles"

urlpatterns = [
    path("accounts/login/", views.RolloutLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        # Django's, with wrong current passwords counted and paused after a few.
        passwords.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("language/", views.language_set, name="language_set"),
    path("roles/", views.catalogue_index, name="catalogue_index"),
    path("roles/<slug:role>/", views.catalogue_role, name="catalogue_role"),
    path("people/<int:pk>/", views.person_profile, name="person_profile"),
    *for_rollout(
        [
            path("team/", views.team, name="team"),
            path("team/assign/", views.team_assign, name="team_assign"),
            path("team/<int:pk>/end/", views.team_end, name="team_end"),
        ]
    ),
]
