"""Administration of staffing's records: read and searched here, written through the
staffing pages (staffing.services), so the rules and reminders never drift."""

from django.contrib import admin

from core.admin_base import RecordAdmin
from staffing.models import Commitment, CommitmentEvent, StaffingRequest, StanceAssessment


@admin.register(StaffingRequest)
class StaffingRequestAdmin(RecordAdmin):
    list_display = ["department", "rollout", "purpose", "hours_per_week", "status", "created_at"]
    list_filter = ["rollout", "status", "purpose", "department"]
    search_fields = ["note"]


@admin.register(Commitment)
class CommitmentAdmin(RecordAdmin):
    list_display = ["person", "hours_per_week", "start_date", "end_date", "status"]
    list_filter = ["status"]
    search_fields = ["person__username", "person__display_name"]


@admin.register(CommitmentEvent)
class CommitmentEventAdmin(RecordAdmin):
    list_display = ["commitment", "kind", "by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["reason"]


@admin.register(StanceAssessment)
class StanceAssessmentAdmin(RecordAdmin):
    list_display = ["manager", "rollout", "stance", "created_at"]
    list_filter = ["stance", "rollout"]
    search_fields = ["reason", "manager__username"]
