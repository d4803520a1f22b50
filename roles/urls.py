from django.contrib.auth import views as auth_views
from django.urls import path

from roles.views import notifications, passwords, reviews
from roles.views import people as views

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
    path("rollouts/<int:rollout_pk>/team/", views.team, name="team"),
    path("rollouts/<int:rollout_pk>/team/assign/", views.team_assign, name="team_assign"),
    path("rollouts/<int:rollout_pk>/team/<int:pk>/end/", views.team_end, name="team_end"),
    path(
        "rollouts/<int:rollout_pk>/four-qualities/",
        reviews.quality_reviews,
        name="quality_reviews",
    ),
    path(
        "rollouts/<int:rollout_pk>/four-qualities/new/",
        reviews.quality_review_new,
        name="quality_review_new",
    ),
    path("notifications/", notifications.notifications, name="notifications"),
    path("notifications/read/", notifications.notifications_read, name="notifications_read"),
    path(
        "notifications/read-all/",
        notifications.notifications_read_all,
        name="notifications_read_all",
    ),
    path(
        "notifications/preferences/",
        notifications.notification_preferences,
        name="notification_preferences",
    ),
]
