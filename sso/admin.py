from django.contrib import admin

from sso.models import DirectoryGroup


@admin.register(DirectoryGroup)
class DirectoryGroupAdmin(admin.ModelAdmin[DirectoryGroup]):
    list_display = ["name", "source", "department", "rollout", "role"]
    list_filter = ["source", "role"]
    list_select_related = ["department", "rollout"]
    search_fields = ["name"]
    autocomplete_fields = ["department"]
