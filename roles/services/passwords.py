"""Counting wrong current passwords on the password-change page (see
roles.models.PasswordChangeFailures); roles.selectors.passwords says when the form is
paused."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from roles.models import PasswordChangeFailures, User


@transaction.atomic
def password_change_failed(*, user: User) -> PasswordChangeFailures:
    """One more wrong current password; the count starts again after a quiet cool-off."""
    now = timezone.now()
    row, created = PasswordChangeFailures.objects.select_for_update().get_or_create(
        user=user, defaults={"failures": 1, "last_failure_at": now}
    )
    if not created:
        quiet = now - row.last_failure_at >= settings.PASSWORD_CHANGE_COOLOFF
        row.failures = 1 if quiet else row.failures + 1
        row.last_failure_at = now
        row.full_clean()
        row.save(update_fields=["failures", "last_failure_at"])
    return row


def password_change_succeeded(*, user: User) -> None:
    """The right current password: the count is forgotten."""
    PasswordChangeFailures.objects.filter(user=user).delete()
