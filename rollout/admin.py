"""The Rollout model's admin lives in gates/admin.py (creating one names its executive and
sets up its gates and selection)."""

from django.contrib import admin

from rollout.models import (
    CalendarDay,
    RolloutGroupObjectPermission,
    RolloutUserObjectPermission,
    WorkingCalendar,
)


@admin.register(RolloutUserObjectPermission)
class RolloutUserObjectPermissionAdmin(admin.ModelAdmin[RolloutUserObjectPermission]):
    list_display = ["user", "permission", "content_object"]
    list_filter = ["permission", "content_object"]
    search_fields = ["user__username", "content_object__name"]
    # A permission's name carries its content type's.
    list_select_related = ["user", "permission__content_type", "content_object"]


@admin.register(RolloutGroupObjectPermission)
class RolloutGroupObjectPermissionAdmin(admin.ModelAdmin[RolloutGroupObjectPermission]):
    list_display = ["group", "permission", "content_object"]
    list_filter = ["permission", "content_object"]
    search_fields = ["group__name", "content_object__name"]
    list_select_related = ["group", "permission__content_type", "content_object"]


class CalendarDayInline(admin.TabularInline[CalendarDay, WorkingCalendar]):
    model = CalendarDay
    extra = 0


@admin.register(WorkingCalendar)
class WorkingCalendarAdmin(admin.ModelAdmin[WorkingCalendar]):
    list_display = ["name", "is_default", "known_until"]
    search_fields = ["name"]
    inlines = [CalendarDayInline]
