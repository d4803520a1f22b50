"""The register in the admin, read-only: risks change in the app, through the services,
where who may change what is checked."""

from django.contrib import admin

from core.admin_base import RecordAdmin
from risks.models import Risk, RiskReview


@admin.register(Risk)
class RiskAdmin(RecordAdmin):
    list_display = ["title", "rollout", "owner", "likelihood", "impact", "status", "due_date"]
    list_filter = ["status"]
    search_fields = ["title", "title_zh_hans"]


@admin.register(RiskReview)
class RiskReviewAdmin(RecordAdmin):
    list_display = ["rollout", "reviewed_by", "reviewed_at"]
