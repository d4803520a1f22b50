"""Whether the password-change form is paused for a person (see
roles.models.PasswordChangeFailures)."""

from datetime import datetime

from django.conf import settings
from django.utils import timezone

from roles.models import PasswordChangeFailures, User


def password_change_paused_until(*, user: User) -> datetime | None:
    """When the person may try their current password again, or None if they may now:
    after PASSWORD_CHANGE_FAILURE_LIMIT wrong ones in a row, for PASSWORD_CHANGE_COOLOFF
    after the last."""
    row = PasswordChangeFailures.objects.filter(user=user).first()
    if row is None or row.failures < settings.PASSWORD_CHANGE_FAILURE_LIMIT:
        return None
    until = row.last_failure_at + settings.PASSWORD_CHANGE_COOLOFF
    return until if until > timezone.now() else None
