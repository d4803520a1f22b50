from django.contrib import admin
from django.http import HttpRequest

from sso.models import DirectoryGroup, DirectoryIdentity


@admin.register(DirectoryGroup)
class DirectoryGroupAdmin(admin.ModelAdmin[DirectoryGroup]):
    list_display = ["name", "source", "department", "rollout", "role"]
    list_filter = ["source", "role"]
    list_select_related = ["department", "rollout"]
    search_fields = ["name"]
    autocomplete_fields = ["department"]


@admin.register(DirectoryIdentity)
class DirectoryIdentityAdmin(admin.ModelAdmin[DirectoryIdentity]):
    """Who each directory or provider identity signs in as. Deleting one unlinks it: the
    next sign-in links again by the rules (sso.services.directory)."""

    list_display = ["person", "source", "subject", "created_at"]
    list_filter = ["source"]
    list_select_related = ["person"]
    search_fields = ["subject", "person__username", "person__display_name"]
    readonly_fields = ["source", "subject", "person", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # made by a sign-in, never typed
