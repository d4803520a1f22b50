"""Requests per token: ROLLOUT_API_RATE (e.g. "600/min") for each token, counted in Django's
cache (Redis when REDIS_URL is set, so every web node counts the same requests). The
browser's own session is not counted: it is a person clicking, not a script."""

from typing import TYPE_CHECKING

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken

if TYPE_CHECKING:  # REST framework imports this module while rest_framework.views loads
    from rest_framework.views import APIView


class PerTokenThrottle(SimpleRateThrottle):
    scope = "token"

    def get_rate(self) -> str:
        # DRF makes a throttle per request: the setting is read each time, not at import.
        return str(settings.ROLLOUT_API_RATE)

    def get_cache_key(self, request: Request, view: "APIView") -> str | None:
        if not isinstance(request.auth, ApiToken):
            return None
        # The hash, not the row's id: an id can come back (SQLite reuses the highest after
        # a delete), a token never does, so a new token never inherits an old one's count.
        return self.cache_format % {"scope": self.scope, "ident": request.auth.hash}
