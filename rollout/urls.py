from django.urls import path

from rollout import views

urlpatterns = [
    path("rollouts/<int:rollout_pk>/", views.rollout_detail, name="rollout_detail"),
]
