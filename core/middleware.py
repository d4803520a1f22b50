"""HTTP protections every page shares: signed-in answers are never cached, an idle session
ends, and a request too large is refused before Django reads its body."""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

Handler = Callable[[HttpRequest], HttpResponseBase]

# The session key holding when the person last made a request (seconds since the epoch).
LAST_SEEN = "rollout_last_seen"


class NoStoreForSignedInMiddleware:
    """Pages and exports shown to a signed-in person carry `Cache-Control: no-store` (and
    the older no-cache headers), so neither the browser nor a proxy keeps a copy of a
    rollout's plan, people or files for the next person at the same computer. After
    AuthenticationMiddleware."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        # Without a session cookie, neither sent nor set, nobody is signed in: the check
        # below would then only cost a lookup.
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES or (
            settings.SESSION_COOKIE_NAME in response.cookies
        )
        user = getattr(request, "user", None)
        if has_session and user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


def session_activity_start(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    """At sign-in (a user_logged_in receiver): the idle clock starts now. Written with the
    session sign-in saves anyway, so the first page after it writes nothing."""
    request.session[LAST_SEEN] = int(time.time())


class IdleSessionTimeoutMiddleware:
    """Signs a person out after SESSION_IDLE_TIMEOUT seconds without a request; the page
    they asked for then leads to the sign-in page with a message saying why. The time of
    the last request is written into the session at most every
    SESSION_ACTIVITY_SAVE_EVERY seconds, not on every request (a database write per page
    would be the cost). After AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if isinstance(last_seen, int) and now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(
                    request,
                    _(
                        "You were signed out after %(minutes)s minutes without activity. "
                        "Sign in again to go on."
                    )
                    % {"minutes": settings.SESSION_IDLE_TIMEOUT // 60},
                )
            elif (
                not isinstance(last_seen, int)
                or now - last_seen >= settings.SESSION_ACTIVITY_SAVE_EVERY
            ):
                request.session[LAST_SEEN] = now
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """Refuses a request whose declared body is larger than ROLLOUT_MAX_REQUEST_BYTES with
    a readable 413 page, before anything reads the body: the 10 MB check of each evidence
    file runs only after Django has received every file. A body without a length (chunked)
    is never read by Django's WSGI handler, so the length is all there is to check. Before
    the CSRF check (which reads the body) and after LocaleMiddleware (the page speaks the
    person's language)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # as Django itself reads a length it cannot parse: no body
        limit = settings.ROLLOUT_MAX_REQUEST_BYTES
        if length <= limit:
            return self.get_response(request)
        page = render_to_string("413.html", {"limit_mb": limit // 2**20})
        return HttpResponse(page, status=413)
