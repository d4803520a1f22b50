from django.urls import path

from feeds import views

app_name = "feeds"
urlpatterns = [
    path("me/calendar/", views.feeds_page, name="feeds"),
    path("me/calendar/new-address/", views.feeds_regenerate, name="feeds_regenerate"),
    path("feeds/<str:key>/me.ics", views.person_feed, name="person_feed"),
    path("feeds/<str:key>/rollouts/<int:pk>.ics", views.rollout_feed, name="rollout_feed"),
]
