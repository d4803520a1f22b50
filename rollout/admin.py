"""The Rollout model's admin lives in gates/admin.py (creating one names its executive and
sets up its gates and selection)."""

from django.contrib import admin

from core.admin_base import RecordAdmin
from rollout.models import (
    CalendarDay,
    Evidence,
    Objective,
    RolloutGroupObjectPermission,
    RolloutUserObjectPermission,
    Task,
    TaskLog,
    TaskReview,
    WorkingCalendar,
    Workstream,
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


@admin.register(Objective)
class ObjectiveAdmin(RecordAdmin):
    list_display = ["title", "department", "rollout", "due_date"]
    list_filter = ["rollout", "department"]
    search_fields = ["title", "target"]


@admin.register(Workstream)
class WorkstreamAdmin(RecordAdmin):
    list_display = ["name", "rollout", "is_core"]
    list_filter = ["rollout", "is_core"]
    search_fields = ["name"]


@admin.register(Task)
class TaskAdmin(RecordAdmin):
    list_display = ["title", "rollout", "department", "status", "due_date"]
    list_filter = ["rollout", "status", "department", "priority"]
    search_fields = ["title", "description"]
    list_select_related = ["rollout", "department"]


@admin.register(TaskLog)
class TaskLogAdmin(RecordAdmin):
    list_display = ["task", "member", "work_date", "hours", "progress"]
    list_filter = ["work_date"]
    search_fields = ["task__title", "member__username", "note"]
    list_select_related = ["task", "member"]


@admin.register(TaskReview)
class TaskReviewAdmin(RecordAdmin):
    list_display = ["task", "reviewer", "outcome", "created_at"]
    list_filter = ["outcome"]
    search_fields = ["task__title", "reason"]


@admin.register(Evidence)
class EvidenceAdmin(RecordAdmin):
    list_display = ["original_name", "content_type", "size", "uploaded_at"]
    search_fields = ["original_name"]
