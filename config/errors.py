"""The server-error page, with one special case: the database is away for a moment (a
restart, a failover). Those requests answer 503 with Retry-After and say so, instead of
"something went wrong"; the fault test of a PostgreSQL restart sees them. The page is
rendered without context processors, which would ask the database again."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.defaults import bad_request as django_bad_request
from django.views.defaults import page_not_found as django_page_not_found
from django.views.defaults import server_error as django_server_error

from api import problems

API_PREFIX = "/api/"

RETRY_AFTER_SECONDS = 5


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls the 500 handler inside its `except`, so the error is still at hand.
    error = sys.exc_info()[1]
    database_away = isinstance(error, OperationalError | InterfaceError)
    if request.path.startswith(API_PREFIX):
        return problems.server_error(
            request, retry_after=RETRY_AFTER_SECONDS if database_away else None
        )
    if database_away:
        page = render_to_string("500.html", {"database_away": True})
        response = HttpResponse(page, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return django_server_error(request)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return problems.not_found(request)
    return django_page_not_found(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A request Django refused to read (a SuspiciousOperation: too many files, fields too
    large, a host not allowed)."""
    if request.path.startswith(API_PREFIX):
        return problems.bad_request(request, exception)
    return django_bad_request(request, exception)
