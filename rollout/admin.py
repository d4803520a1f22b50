"""The Rollout model's admin lives in roles/admin.py (creating one names its executive)."""

from django.contrib import admin

from core.admin_base import RecordAdmin
from rollout.models import (
    CalendarDay,
    Decision,
    DecisionCondition,
    Gate,
    RolloutGroupObjectPermission,
    RolloutUserObjectPermission,
    WorkingCalendar,
)


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


class CalendarDayInline(admin.TabularInline[CalendarDay, WorkingCalendar]):
    model = CalendarDay
    extra = 0


@admin.register(WorkingCalendar)
class WorkingCalendarAdmin(admin.ModelAdmin[WorkingCalendar]):
    list_display = ["name", "is_default", "known_until"]
    search_fields = ["name"]
    inlines = [CalendarDayInline]


@admin.register(Gate)
class GateAdmin(RecordAdmin):
    list_display = ["name_en", "rollout", "order", "status", "opened_at"]
    list_filter = ["rollout", "status"]
    search_fields = ["name_en", "name_zh_hans"]


@admin.register(Decision)
class DecisionAdmin(RecordAdmin):
    list_display = ["gate", "outcome", "decided_by", "created_at"]
    list_filter = ["outcome"]
    search_fields = ["reason", "gate__name_en"]


@admin.register(DecisionCondition)
class DecisionConditionAdmin(RecordAdmin):
    list_display = ["text", "owner", "due_date"]
    search_fields = ["text"]
