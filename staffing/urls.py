from django.urls import URLPattern, URLResolver, path

from core.urls import for_rollout
from staffing import views

# No namespace: reverse() and the templates use these names as they were under roles/.
app_name = "staffing"

urlpatterns: list[URLPattern | URLResolver] = [
    *for_rollout(
        [
            path("staffing/", views.staffing, name="staffing"),
            path("staffing/requests/", views.staffing_request_new, name="staffing_request_new"),
            path(
                "staffing/requests/<int:pk>/",
                views.staffing_request_detail,
                name="staffing_request",
            ),
            path(
                "staffing/requests/<int:pk>/answer/", views.staffing_answer, name="staffing_answer"
            ),
            path(
                "staffing/requests/<int:pk>/counter-offer/accept/",
                views.counter_offer_accept,
                name="counter_offer_accept",
            ),
            path(
                "staffing/requests/<int:pk>/counter-offer/refuse/",
                views.counter_offer_refuse,
                name="counter_offer_refuse",
            ),
            path(
                "commitments/<int:pk>/confirm/", views.commitment_confirm, name="commitment_confirm"
            ),
            path(
                "commitments/<int:pk>/conflict/",
                views.commitment_conflict,
                name="commitment_conflict",
            ),
            path("commitments/<int:pk>/change/", views.commitment_change, name="commitment_change"),
            path(
                "commitments/<int:pk>/pull-back/",
                views.commitment_pull_back,
                name="commitment_pull_back",
            ),
            path("fulfilment/", views.fulfilment, name="fulfilment"),
            path("capacity/", views.capacity_heatmap, name="capacity"),
            path("stance/", views.stance, name="stance"),
            path("stance/assess/", views.stance_assess, name="stance_assess"),
            path("stance/mine/", views.stance_mine, name="stance_mine"),
            path("export/staffing.<str:fmt>", views.staffing_export, name="staffing_export"),
        ]
    )
]
