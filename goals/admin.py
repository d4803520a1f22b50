"""Administration of targets and their actual values: read-only records, like every
RecordAdmin (the executive sets targets and the owner records values on the Goal page)."""

from django.contrib import admin

from core.admin_base import RecordAdmin
from goals.models import GoalTarget, TargetActual


@admin.register(GoalTarget)
class GoalTargetAdmin(RecordAdmin):
    list_display = ["measure", "rollout", "baseline", "target", "unit", "due_date", "owner"]
    list_filter = ["rollout"]
    list_select_related = ["rollout", "owner"]
    search_fields = ["measure"]


@admin.register(TargetActual)
class TargetActualAdmin(RecordAdmin):
    list_display = ["target", "as_of", "value", "recorded_by", "recorded_at"]
    list_select_related = ["target", "recorded_by"]
