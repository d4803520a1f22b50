"""Every error under /api/ is a problem (RFC 9457), also those no REST framework view
answers: the request-size middleware's 413, a plain view's 405, Django's own 400 for a
request it refused to read, an address that names nothing. A client of the API then reads
one kind of error body, never an HTML page."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from api.problems import PROBLEM_JSON, from_error_response

API_PREFIX = "/api/"


class ApiProblemsMiddleware:
    """Turns an error answer under /api/ that is not a problem yet into one. Right after
    LocaleMiddleware (the problem speaks the caller's language) and before
    RequestSizeLimitMiddleware (whose 413 it turns)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        # 4xx only: a 5xx is config.errors.server_error's problem already, except the
        # traceback page of DEBUG, which a developer wants to see.
        if (
            not 400 <= response.status_code < 500
            or not request.path.startswith(API_PREFIX)
            or response.get("Content-Type", "").startswith(PROBLEM_JSON)
        ):
            return response
        return from_error_response(request, response)
