"""Every error of the API as an RFC 9457 problem: `application/problem+json` with type,
title, status, detail and instance, plus `errors` (field -> messages) when fields were
refused. Titles and details are in the caller's language (api/authentication.py says
which). The service's own refusal (an AppError) keeps its readable message, as the pages
show it: 403 for NotAllowed, 409 where the view says its only refusals are the object's
state (claim done, verify, confirm), 400 otherwise."""

import math
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFilesSent
from django.http import Http404, HttpRequest, HttpResponseBase, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from core.errors import AppError, NotAllowed

PROBLEM_JSON = "application/problem+json"
# A plain HTTP error is "about:blank" (RFC 9457 §4.2.1: its title is the status phrase,
# here translated); the project's own kinds have a URN each.
ABOUT_BLANK = "about:blank"
INVALID = "urn:rollout:problem:invalid"
REFUSED = "urn:rollout:problem:refused"

TITLES: dict[int, Promise] = {
    400: _("Bad request"),
    401: _("Unauthorized"),
    403: _("Forbidden"),
    404: _("Not found"),
    405: _("Method not allowed"),
    406: _("Not acceptable"),
    409: _("Conflict"),
    413: _("Content too large"),
    415: _("Unsupported media type"),
    429: _("Too many requests"),
    500: _("Internal server error"),
    503: _("Service unavailable"),
}
KIND_TITLES: dict[str, Promise] = {
    INVALID: _("Some fields were refused"),
    REFUSED: _("The request was refused"),
}


def problem(
    request: HttpRequest,
    status_code: int,
    detail: str,
    *,
    kind: str = ABOUT_BLANK,
    errors: dict[str, Any] | None = None,
) -> dict[str, Any]:
    title = KIND_TITLES.get(kind) or TITLES.get(status_code) or HTTPStatus(status_code).phrase
    body: dict[str, Any] = {
        "type": kind,
        "title": str(title),
        "status": status_code,
        "detail": detail,
        "instance": request.path,
    }
    if errors:
        body["errors"] = errors
    return body


def _field_errors(detail: Any) -> dict[str, Any]:
    """DRF's ValidationError detail as field -> list of messages (non-field ones under
    "non_field_errors", as DRF names them)."""
    if isinstance(detail, dict):
        return {str(k): _field_errors_list(v) for k, v in detail.items()}
    return {"non_field_errors": _field_errors_list(detail)}


def _field_errors_list(value: Any) -> Any:
    if isinstance(value, list):
        return [_field_errors_list(v) if isinstance(v, dict | list) else str(v) for v in value]
    if isinstance(value, dict):
        return _field_errors(value)
    return [str(value)]


def _messages(errors: dict[str, Any]) -> str:
    """The field errors in one sentence for `detail`, for a client that shows only that."""
    texts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        else:
            texts.append(str(value))

    walk(errors)
    return " ".join(texts)


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """REST framework's EXCEPTION_HANDLER. Anything not handled here (a bug) is re-raised by
    REST framework and answered by server_error below."""
    request = context["request"]
    view = context.get("view")
    headers: dict[str, str] = {}
    if isinstance(exc, NotAllowed):
        body = problem(request, 403, str(exc), kind=REFUSED)
    elif isinstance(exc, AppError):
        code = getattr(view, "refusal_status", status.HTTP_400_BAD_REQUEST)
        body = problem(request, code, str(exc), kind=REFUSED)
    elif isinstance(exc, Http404):
        body = problem(request, 404, str(exceptions.NotFound.default_detail))
    elif isinstance(exc, PermissionDenied):
        body = problem(request, 403, str(exc) or str(exceptions.PermissionDenied.default_detail))
    elif isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        body = problem(request, 400, _messages(errors), kind=INVALID, errors=errors)
    elif isinstance(exc, exceptions.APIException):
        body = problem(request, exc.status_code, _messages(_field_errors(exc.detail)))
        wait = getattr(exc, "wait", None)  # a Throttled's seconds to wait (not in the stubs)
        if isinstance(exc, exceptions.Throttled) and wait is not None:
            headers["Retry-After"] = str(math.ceil(wait))
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header  # type: ignore[attr-defined]  # set by APIView on 401
    else:
        return None
    set_rollback()
    return Response(body, status=body["status"], headers=headers, content_type=PROBLEM_JSON)


def _json_problem(request: HttpRequest, status_code: int, detail: str) -> JsonResponse:
    return JsonResponse(
        problem(request, status_code, detail), status=status_code, content_type=PROBLEM_JSON
    )


def not_found(request: HttpRequest) -> JsonResponse:
    """An /api/ address that names nothing."""
    return _json_problem(request, 404, str(exceptions.NotFound.default_detail))


def server_error(request: HttpRequest, *, retry_after: int | None = None) -> JsonResponse:
    """A bug behind an /api/ address: a problem, never the HTML page or a traceback; with
    `retry_after`, the database is away for a moment (503, as the pages answer)."""
    if retry_after is None:
        return _json_problem(
            request,
            500,
            str(_("Something went wrong on our side. It has been logged; try again later.")),
        )
    response = _json_problem(
        request, 503, str(_("The database is away for a moment. Try again in a few seconds."))
    )
    response["Retry-After"] = str(retry_after)
    return response


# The headers of an error answer that a client acts on, kept when it becomes a problem.
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


def bad_request(request: HttpRequest, exception: Exception) -> JsonResponse:
    """handler400 under /api/: a request Django itself refused while reading it (a
    SuspiciousOperation such as too many files or fields too large)."""
    detail: Promise | str
    if isinstance(exception, TooManyFilesSent):
        detail = _("More than %(count)s files in one request; send fewer at a time.") % {
            "count": settings.DATA_UPLOAD_MAX_NUMBER_FILES
        }
    elif isinstance(exception, RequestDataTooBig):
        detail = _("The fields of the request, files aside, are larger than the server takes.")
    else:
        detail = _("The request could not be read.")
    return _json_problem(request, 400, str(detail))


def _detail_for(status_code: int) -> str:
    if status_code == 413:
        return str(
            _("The request is larger than the %(limit_mb)s MB a request may carry: none was read.")
            % {"limit_mb": settings.ROLLOUT_MAX_REQUEST_BYTES // 2**20}
        )
    if status_code == 405:
        return str(_("This method is not allowed here; the Allow header lists those that are."))
    if status_code == 404:
        return str(exceptions.NotFound.default_detail)
    if status_code == 400:
        return str(_("The request could not be read."))
    title = TITLES.get(status_code)
    return str(title) if title is not None else HTTPStatus(status_code).phrase


def from_error_response(request: HttpRequest, response: HttpResponseBase) -> JsonResponse:
    """An error answered under /api/ by something other than a REST framework view (a
    middleware's 413, a plain view's 405, Django's own pages), as a problem in the
    caller's language, with the headers a client acts on."""
    answer = _json_problem(request, response.status_code, _detail_for(response.status_code))
    for header in KEPT_HEADERS:
        if response.has_header(header):
            answer[header] = response[header]
    add_never_cache_headers(answer)
    return answer
