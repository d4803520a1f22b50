"""Administration of comments and mentions: read-only records, like every RecordAdmin (a
comment is removed by its author, leaving its mark, never deleted here)."""

from django.contrib import admin

from core.admin_base import RecordAdmin
from discussion.models import Comment, Mention


@admin.register(Comment)
class CommentAdmin(RecordAdmin):
    list_display = ["target_kind", "target_id", "author", "created_at", "edited_at", "removed_at"]
    list_filter = ["target_kind", ("removed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["author"]
    search_fields = ["body", "author__username"]


@admin.register(Mention)
class MentionAdmin(RecordAdmin):
    list_display = ["comment", "person", "notification"]
    list_select_related = ["comment", "person", "notification"]
    search_fields = ["person__username"]
