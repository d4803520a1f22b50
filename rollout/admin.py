"""The Rollout model's admin lives in roles/admin.py (creating one names its executive)."""

from django.contrib import admin

from rollout.models import RolloutGroupObjectPermission, RolloutUserObjectPermission


@admin.register(RolloutUserObjectPermission)
class RolloutUserObjectPermissionAdmin(admin.ModelAdmin[RolloutUserObjectPermission]):
    list_display = ["user", "permission", "content_object"]
    list_filter = ["permission", "content_object"]
    search_fields = ["user__username", "content_object__name"]
    list_select_related = ["user", "permission", "content_object"]


@admin.register(RolloutGroupObjectPermission)
class RolloutGroupObjectPermissionAdmin(admin.ModelAdmin[RolloutGroupObjectPermission]):
    list_display = ["group", "permission", "content_object"]
    list_filter = ["permission", "content_object"]
    search_fields = ["group__name", "content_object__name"]
    list_select_related = ["group", "permission", "content_object"]
