"""Administration of the outbox and the bell: read-only records, like every RecordAdmin."""

from django.contrib import admin

from core.admin_base import RecordAdmin
from notifications.mail_admin import MailOutboxAdmin
from notifications.models import DigestMailing, Notification, Reminder


@admin.register(Reminder)
class ReminderAdmin(RecordAdmin):
    list_display = ["key", "kind", "level", "recipient", "due_at", "sent_at"]
    list_filter = ["kind", "level", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["key", "recipient__username"]


@admin.register(Notification)
class NotificationAdmin(RecordAdmin):
    list_display = ["recipient", "text", "created_at", "read_at", "resolved_at"]
    list_filter = [("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["text", "recipient__username"]


@admin.register(DigestMailing)
class DigestMailingAdmin(MailOutboxAdmin):
    list_display = ["recipient", "frequency", "created_at", *MailOutboxAdmin.outbox_columns]
    list_select_related = ["recipient"]
    search_fields = ["recipient__username", "recipient__email", "last_error"]
