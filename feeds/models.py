"""The secret a person's calendar feeds are read with. A calendar program cannot sign in,
so the feed's address carries the secret instead; whoever has the address reads the feed,
and regenerating the secret makes every old address answer 404 at once."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_key() -> str:
    return secrets.token_urlsafe(32)


class FeedKey(models.Model):
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="feed_key",
    )
    # Kept as it is, not hashed: the person must be able to see and copy the address
    # again, as with any calendar's "secret address".
    key = models.CharField(_("key"), max_length=64, unique=True, default=new_key)
    created_at = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed key")
        verbose_name_plural = _("calendar feed keys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(key__regex=r"^[A-Za-z0-9_-]{32,64}$"), name="feed_key_shape"
            )
        ]

    def __str__(self) -> str:
        return str(self.person)
