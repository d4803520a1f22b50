"""Administration of the work records: read and searched here, written through the work
pages (work.services), so the rules and reminders never drift."""

from django.contrib import admin

from core.admin_base import RecordAdmin
from work.improvements import ImprovementItem
from work.models import Evidence, Objective, QualityReview, Task, TaskLog, TaskReview, Workstream
from work.walls import Handoff, OldWayRetirement


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
    # The file's own link would be the storage's URL (a signed bucket URL with STORAGE_URL),
    # past the rollout's access check: the file is opened from its task's page.
    exclude = ["file"]
    search_fields = ["original_name"]


@admin.register(QualityReview)
class QualityReviewAdmin(RecordAdmin):
    list_display = ["member", "rollout", "period", "reviewer"]
    list_filter = ["rollout", "period"]
    search_fields = ["member__username", "comment"]


@admin.register(Handoff)
class HandoffAdmin(RecordAdmin):
    list_display = ["what", "workstream", "from_department", "to_department", "state", "owner"]
    list_filter = ["state"]
    search_fields = ["what", "workstream__name"]
    list_select_related = ["workstream", "from_department", "to_department", "owner"]


@admin.register(OldWayRetirement)
class OldWayRetirementAdmin(RecordAdmin):
    list_display = ["description", "workstream", "kind", "owner", "retire_by", "retired_at"]
    list_filter = ["kind"]
    search_fields = ["description", "workstream__name"]
    list_select_related = ["workstream", "owner"]


@admin.register(ImprovementItem)
class ImprovementItemAdmin(RecordAdmin):
    list_display = ["title", "rollout", "department", "kind", "owner", "due_date", "status"]
    list_filter = ["rollout", "department", "kind", "status"]
    search_fields = ["title", "description"]
    list_select_related = ["rollout", "department", "owner"]
