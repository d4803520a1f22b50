from django.urls import path

from staffing import views

# No namespace: reverse() and the templates use these names as they were under roles/.
urlpatterns = [
    path("rollouts/<int:rollout_pk>/staffing/", views.staffing, name="staffing"),
    path(
        "rollouts/<int:rollout_pk>/staffing/requests/",
        views.staffing_request_new,
        name="staffing_request_new",
    ),
    path(
        "rollouts/<int:rollout_pk>/staffing/requests/<int:pk>/",
        views.staffing_request_detail,
        name="staffing_request",
    ),
    path(
        "rollouts/<int:rollout_pk>/staffing/requests/<int:pk>/answer/",
        views.staffing_answer,
        name="staffing_answer",
    ),
    path(
        "rollouts/<int:rollout_pk>/commitments/<int:pk>/confirm/",
        views.commitment_confirm,
        name="commitment_confirm",
    ),
    path(
        "rollouts/<int:rollout_pk>/commitments/<int:pk>/conflict/",
        views.commitment_conflict,
        name="commitment_conflict",
    ),
    path(
        "rollouts/<int:rollout_pk>/commitments/<int:pk>/change/",
        views.commitment_change,
        name="commitment_change",
    ),
    path(
        "rollouts/<int:rollout_pk>/commitments/<int:pk>/pull-back/",
        views.commitment_pull_back,
        name="commitment_pull_back",
    ),
    path("rollouts/<int:rollout_pk>/fulfilment/", views.fulfilment, name="fulfilment"),
    path("rollouts/<int:rollout_pk>/capacity/", views.capacity_heatmap, name="capacity"),
    path("rollouts/<int:rollout_pk>/stance/", views.stance, name="stance"),
    path("rollouts/<int:rollout_pk>/stance/assess/", views.stance_assess, name="stance_assess"),
    path(
        "rollouts/<int:rollout_pk>/export/views.<str:fmt>",
        views.staffing_export,
        name="staffing_export",
    ),
]
