"""Administration of targets and their actual values, adoption measures and their monthly
values, and realised benefits: read-only records, like every RecordAdmin (they are kept on
the Goal and After go-live pages, by the people whose figures they are)."""

from django.contrib import admin

from core.admin_base import RecordAdmin
from goals.models import AdoptionMeasure, AdoptionValue, GoalTarget, RealisedBenefit, TargetActual


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


@admin.register(AdoptionMeasure)
class AdoptionMeasureAdmin(RecordAdmin):
    list_display = ["name", "rollout", "kind", "target", "unit", "higher_is_better"]
    list_filter = ["rollout", "kind"]
    list_select_related = ["rollout"]
    search_fields = ["name"]


@admin.register(AdoptionValue)
class AdoptionValueAdmin(RecordAdmin):
    list_display = ["measure", "department", "month", "value", "recorded_by", "recorded_at"]
    list_select_related = ["measure", "department", "recorded_by"]


@admin.register(RealisedBenefit)
class RealisedBenefitAdmin(RecordAdmin):
    list_display = ["rollout", "as_of", "yearly_amount", "recorded_by", "recorded_at"]
    list_select_related = ["rollout", "recorded_by"]
