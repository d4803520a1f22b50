"""Selection records in the admin: read-only (the rules live in selection.services)."""

from django.contrib import admin

from core.admin_base import RecordAdmin
from selection import models


@admin.register(models.Vendor)
class VendorAdmin(RecordAdmin):
    list_display = ["name", "rollout", "price_per_user_year", "domestic", "cloud"]
    list_filter = ["rollout", "domestic", "cloud"]
    search_fields = ["name", "reputation"]


@admin.register(models.Criterion)
class CriterionAdmin(RecordAdmin):
    list_display = ["text_en", "dimension", "seat", "rollout"]
    list_filter = ["dimension", "seat", "rollout"]
    search_fields = ["text_en", "text_zh_hans"]


@admin.register(models.Weighting)
class WeightingAdmin(RecordAdmin):
    list_display = [
        "rollout",
        "company",
        "product",
        "implementation",
        "service",
        "price",
        "locked_at",
    ]


@admin.register(models.Score)
class ScoreAdmin(RecordAdmin):
    list_display = ["vendor", "criterion", "member", "score"]
    list_filter = ["vendor__rollout", "vendor"]
    search_fields = ["comment", "member__username"]


@admin.register(models.Submission)
class SubmissionAdmin(RecordAdmin):
    list_display = ["member", "rollout", "submitted_at", "reopened_at"]
    list_filter = ["rollout"]
    search_fields = ["member__username"]


@admin.register(models.ScoreChange)
class ScoreChangeAdmin(RecordAdmin):
    list_display = [
        "changed_by", "vendor", "criterion", "score_before", "score_after", "changed_at",
    ]  # fmt: skip
    list_filter = ["vendor__rollout"]
    search_fields = ["changed_by__username", "comment_after"]


@admin.register(models.CostBenefit)
class CostBenefitAdmin(RecordAdmin):
    list_display = ["vendor", "years", "discount_rate", "yearly_benefit"]
    search_fields = ["vendor__name"]


@admin.register(models.NegotiationEntry)
class NegotiationEntryAdmin(RecordAdmin):
    list_display = ["vendor", "kind", "price_per_user_year", "final", "created_at"]
    list_filter = ["kind", "final"]
    search_fields = ["text"]


@admin.register(models.Recommendation)
class RecommendationAdmin(RecordAdmin):
    list_display = ["vendor", "rollout", "by", "created_at"]
    search_fields = ["reasoning"]
