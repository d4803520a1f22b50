"""What administrators see of the e-mail outboxes (the decisions', the digests'): each
e-mail's state, failed attempts, the server's last answer and the next attempt, with a
filter for those that failed and an action to try them again at once (after the mail
settings were mended, say)."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_base import RecordAdmin
from notifications.models import MailOutboxEntry, MailState
from notifications.selectors import failed_mail
from notifications.services.mail_outbox import mail_retry_now

STATES: dict[str, Q] = {
    MailState.WAITING: Q(sent_at__isnull=True, failed_at__isnull=True),
    MailState.FAILED: failed_mail(),
    MailState.SENT: Q(sent_at__isnull=False),
}


class MailStateFilter(admin.SimpleListFilter):
    """The rows in the state asked for: `states` holds each state's condition (an outbox
    that knows more states, such as chat's, names its own and its lookups)."""

    title = _("state")
    parameter_name = "state"
    states = STATES

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return MailState.choices

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        condition = self.states.get(self.value() or "")
        return queryset if condition is None else queryset.filter(condition)


class MailOutboxAdmin(RecordAdmin):
    """Read-only like every record: what the dispatcher writes is not edited by hand."""

    outbox_columns = ["state_shown", "attempts", "last_error", "next_attempt_at", "sent_at"]
    list_filter = [MailStateFilter]
    actions = ["retry_now"]

    @admin.display(description=_("state"))
    def state_shown(self, entry: MailOutboxEntry) -> str:
        return str(entry.state.label)

    @admin.action(description=_("Try the selected failed e-mails again now"))
    def retry_now(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        count = mail_retry_now(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail will be sent by the next dispatch, within a minute.",
                "%(count)d e-mails will be sent by the next dispatch, within a minute.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
