"""Who calls the API: a personal token (`Authorization: Bearer <token>`) or, from the
browser, the signed-in session with its CSRF check on every write.

The language of the answers: Accept-Language when the caller sends one (Django's
LocaleMiddleware has chosen it already); without it, a token's person gets their own
preferred language, as their mails and feeds do."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.request import Request

from api.models import ApiToken
from api.services import token_hash
from roles.models import User

# last_used_at is bookkeeping, as the session's last activity is: it tells a person on
# their tokens page which token still runs somewhere, so the one read by a GET writes it
# too (docs/security.md says why). Written at most once in five minutes a token, so a busy
# script does not write a row per request.
LAST_USED_EVERY = timedelta(minutes=5)
UNUSABLE = _("This token is unknown, revoked or expired. Make a new one on your API tokens page.")


class BearerTokenAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        keyword, _sep, token = header.partition(" ")
        if keyword.lower() != self.keyword.lower():
            return None
        token = token.strip()
        if not token or " " in token:
            raise exceptions.AuthenticationFailed(_("The Authorization header holds no token."))
        found = ApiToken.objects.select_related("user").filter(hash=token_hash(token)).first()
        now = timezone.now()
        # One answer for unknown, revoked, expired and a disabled person: nothing to learn.
        if found is None or not found.is_usable(now) or not found.user.is_active:
            raise exceptions.AuthenticationFailed(UNUSABLE)
        if found.last_used_at is None or now - found.last_used_at >= LAST_USED_EVERY:
            # The UPDATE's WHERE repeats the check: of requests racing on the same old stamp,
            # one writes and the others match no row.
            stale = Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_EVERY)
            ApiToken.objects.filter(stale, pk=found.pk).update(last_used_at=now)
            found.last_used_at = now
        if "HTTP_ACCEPT_LANGUAGE" not in request.META:
            translation.activate(found.user.preferred_language)
        return found.user, found

    def authenticate_header(self, request: Request) -> str:
        # Makes an unauthenticated request a 401 (with this challenge), not a 403.
        return f'{self.keyword} realm="api"'
