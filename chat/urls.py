from django.urls import URLPattern, URLResolver, path

from chat import views
from core.urls import for_rollout

app_name = "chat"

urlpatterns: list[URLPattern | URLResolver] = [
    path("chat-ids/", views.chat_ids, name="chat_ids"),
    *for_rollout(
        [
            path("chat/", views.chat_channels, name="channels"),
            path("chat/<int:pk>/edit/", views.chat_channel_edit, name="channel_edit"),
            path("chat/<int:pk>/delete/", views.chat_channel_remove, name="channel_delete"),
            path("chat/<int:pk>/test/", views.chat_channel_send_test, name="channel_test"),
        ]
    ),
]
