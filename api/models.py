"""A person's API tokens. The token itself is shown once, when it is made, and never kept:
only its SHA-256 is stored. A token is 32 random bytes (256 bits), so nobody can guess it
from its hash however fast the hash is; a slow password hash (Argon2) protects guessable
passwords and would cost every API request tens of milliseconds. A fast hash also lets the
token be found by an indexed lookup of its hash."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HASH_LENGTH = 64  # hex SHA-256


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    # The token's first characters, shown in the list so a person tells their tokens apart.
    prefix = models.CharField(_("starts with"), max_length=12)
    hash = models.CharField(_("SHA-256 of the token"), max_length=HASH_LENGTH, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="apitoken_expires_after_created"
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_at__gte=F("created_at")),
                name="apitoken_revoked_after_created",
            ),
            models.CheckConstraint(
                condition=Exact(Length("hash"), HASH_LENGTH), name="apitoken_hash_is_sha256"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="apitoken_name_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, at: datetime | None = None) -> bool:
        """Neither revoked nor expired (at `at`, by default now)."""
        return self.revoked_at is None and self.expires_at > (at or timezone.now())
