"""Wrong current passwords typed on the password-change page, counted per person."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PasswordChangeFailures(models.Model):
    """How many wrong current passwords a person has typed on the password-change page in
    a row, and when the last one was. Counted as django-axes counts sign-ins, but per
    person: whoever holds a signed-in session (a borrowed laptop, a stolen cookie) must not
    be able to guess the password behind it at leisure. A correct password deletes the
    row; a failure after the cool-off starts the count again."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    failures = models.PositiveSmallIntegerField(_("wrong current passwords"))
    last_failure_at = models.DateTimeField(_("last wrong current password"))

    class Meta:
        verbose_name = _("password-change failures")
        verbose_name_plural = _("password-change failures")
        constraints = [
            models.CheckConstraint(
                condition=Q(failures__gte=1), name="password_change_failures_at_least_one"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.failures}"
