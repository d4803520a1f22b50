"""A request from a session that has ended leads to the sign-in page, then back to the page
the person was on, with a message saying what was not saved.

Without this, `login_required` answers an htmx request with a redirect that the browser
follows inside the XMLHttpRequest: the sign-in page was pasted into the task card, the
navigation bar still showed the person signed in, and what they typed was gone. An
ordinary form posted after the session ended came back after sign-in to its POST-only
URL (405). One middleware handles both, for every view, instead of each view on its own.
"""

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import Resolver404, resolve
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.views import is_htmx

# What a POST to each page would have saved, in the person's words. Keyed by URL name (text,
# not an import) so this lowest app needs nothing from the apps above it.
NOT_SAVED: dict[str, Promise] = {
    "task_log": _("the work you logged (date, hours, progress, note and files)"),
    "task_claim": _("your claim that the task is done"),
    "task_send_back": _("your reason for sending the task back"),
    "log_correct": _("your correction of the hours"),
    "staffing_answer": _("your answer to the staffing request"),
    "commitment_change": _("the change of hours"),
    "commitment_pull_back": _("the pull-back and its reason"),
    "commitment_conflict": _("the conflict you raised"),
    "quality_review_new": _("your review"),
    "gate_decide": _("your decision"),
    "gate_recommend": _("your recommendation"),
    "scorecard": _("your scores"),
}


def page_to_return_to(request: HttpRequest, url: str) -> str | None:
    """The path and query of `url` when it is a page of this site, else None. The URL comes
    from the browser (HX-Current-URL, Referer), so another site's address is refused."""
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    parts = urlsplit(url)
    if parts.netloc and parts.netloc != request.get_host():
        return None
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def _is_sign_in_redirect(response: HttpResponseBase) -> bool:
    """login_required's redirect: to the sign-in page with a `next` (signing out also lands
    on the sign-in page, but with no `next`, and is left alone)."""
    if response.status_code != 302:
        return False
    location = urlsplit(response.get("Location", ""))
    sign_in = urlsplit(resolve_url(settings.LOGIN_URL)).path
    return location.path == sign_in and "next" in parse_qs(location.query)


def _redirected_next(response: HttpResponseBase) -> str:
    """The `next` that login_required put on its redirect (the URL requested)."""
    query = parse_qs(urlsplit(response.get("Location", "")).query)
    return query.get("next", [""])[0]


def _what_was_not_saved(request: HttpRequest) -> str:
    try:
        name = resolve(request.path_info).url_name or ""
    except Resolver404:
        name = ""
    what = NOT_SAVED.get(name)
    if what is None:
        return gettext("Your session had ended, so what you just sent was not saved.")
    return gettext("Your session had ended, so %(what)s was not saved.") % {"what": what}


class SessionEndedMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware (it reads the person and leaves
    a message for the sign-in page)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.user.is_authenticated:
            return response
        htmx = is_htmx(request)
        # Signed out, an htmx request can only be refused for that: the CSRF check (403)
        # fails too when the browser lost every cookie.
        refused = _is_sign_in_redirect(response) or (htmx and response.status_code == 403)
        if not refused or not (htmx or request.method == "POST"):
            return response
        came_from = request.headers.get("HX-Current-URL" if htmx else "Referer", "")
        back_to = page_to_return_to(request, came_from)
        if back_to is None:
            # An htmx GET can come back to its own URL; a POST URL answers only POSTs.
            back_to = _redirected_next(response) if request.method == "GET" else ""
        if request.method == "POST":
            messages.error(
                request,
                _what_was_not_saved(request)
                + " "
                + gettext("Sign in again, then enter it once more."),
            )
        else:
            messages.info(request, gettext("Your session had ended. Sign in again to go on."))
        to_login = (
            redirect_to_login(back_to)
            if back_to
            else HttpResponseRedirect(resolve_url(settings.LOGIN_URL))
        )
        if not htmx:
            return to_login
        # htmx follows HX-Redirect with a full page load: the sign-in page replaces the
        # whole page, never a part of it. 204: nothing to swap in any case.
        answer = HttpResponse(status=204)
        answer["HX-Redirect"] = to_login["Location"]
        return answer
