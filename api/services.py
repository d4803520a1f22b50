"""Making and revoking a person's API tokens. Each person manages only their own."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken
from core.errors import AppError, NotAllowed
from core.validation import saved
from roles.models import User

# "rlt_" says what the secret is when one turns up in a log or a repository (a scanner can
# look for it); then 32 random bytes, URL-safe.
TOKEN_MARK = "rlt_"  # noqa: S105  (a marker, not a secret)
PREFIX_LENGTH = 12


class ApiTokenError(AppError):
    """A rule about API tokens was broken; the message is meant for the person."""


class ApiTokenNotAllowed(ApiTokenError, NotAllowed):
    """Someone else's token (403)."""


@dataclass(frozen=True)
class NewToken:
    """The row and the token itself, which exists only in this answer."""

    row: ApiToken
    token: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, by: User, name: str, days: int | None = None) -> NewToken:
    """A new token for `by`, valid `days` (the default of ROLLOUT_API_TOKEN_DAYS; at most
    ROLLOUT_API_TOKEN_MAX_DAYS, so a forgotten token does not work for ever). A person has
    at most ROLLOUT_API_TOKEN_MAX_LIVE tokens that work (neither revoked nor expired), so
    forgotten ones do not pile up."""
    days = settings.ROLLOUT_API_TOKEN_DAYS if days is None else days
    longest = settings.ROLLOUT_API_TOKEN_MAX_DAYS
    if not 1 <= days <= longest:
        raise ApiTokenError(_("A token lasts from 1 to %(days)s days.") % {"days": longest})
    if not name.strip():
        raise ApiTokenError(_("Name the token, so you know later what uses it."))
    now = timezone.now()
    # The person's row locked, so two forms sent at once cannot both pass the count.
    User.objects.select_for_update().only("pk").get(pk=by.pk)
    most = settings.ROLLOUT_API_TOKEN_MAX_LIVE
    live = ApiToken.objects.filter(user=by, revoked_at__isnull=True, expires_at__gt=now)
    if live.count() >= most:
        raise ApiTokenError(
            _(
                "You already have %(count)s tokens that work, the most one person may have. "
                "Revoke one you no longer use, then make the new one."
            )
            % {"count": most}
        )
    token = TOKEN_MARK + secrets.token_urlsafe(32)
    row = ApiToken(
        user=by,
        name=name.strip(),
        prefix=token[:PREFIX_LENGTH],
        hash=token_hash(token),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    return NewToken(row=saved(row, ApiTokenError), token=token)


@transaction.atomic
def api_token_revoke(*, by: User, token: ApiToken) -> ApiToken:
    """The token stops working at once; the row stays, so the list shows when it ended."""
    if token.user_id != by.pk:
        raise ApiTokenNotAllowed(_("You can only revoke your own tokens."))
    if token.revoked_at is not None:
        raise ApiTokenError(_("This token is already revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


@transaction.atomic
def api_tokens_revoke_all(*, user: User) -> int:
    """Every token of `user` not revoked yet stops working (their password changed: whoever
    learnt the old one may have made a token with it). The rows stay, as on revoke.
    Returns how many were revoked."""
    revoked: int = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return revoked
