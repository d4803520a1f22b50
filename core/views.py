"""Helpers shared by the views of every app: the signed-in person, what was posted, htmx,
calling a service and telling the person how it went, and downloads."""

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Protocol, TypeVar, cast, overload

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from core import exports
from core.errors import AppError, NotAllowed
from core.form_ids import BIGGEST_ID

if TYPE_CHECKING:
    # Only in django-stubs: its mypy plugin reads it as the AUTH_USER_MODEL, so core names
    # the project's people model without importing the app that holds it.
    from django.contrib.auth.models import _User


def signed_in(request: HttpRequest) -> "_User":
    """The signed-in person; every view that calls this is behind login_required."""
    return cast("_User", request.user)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def form_errors(form: BaseForm) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@dataclass(frozen=True)
class Refused:
    """A form posted from one row of a list (a commitment, a log, a task) and refused: the
    page is shown again with that row's form open, what was typed in it and why it was
    refused. Templates read it with {% with typed=refused|typed_for:row.pk %}."""

    pk: int
    data: Mapping[str, str]
    error: str


def posted_text(request: HttpRequest, name: str, limit: int = 2000) -> str:
    """A free-text field read straight from POST (no form): without NUL characters, which
    PostgreSQL refuses in text, and cut to `limit`."""
    return request.POST.get(name, "").replace("\x00", "")[:limit]


def posted_id(value: str) -> int | None:
    """The id in posted or URL text, or None when the text is no id. Only ASCII digits count:
    "²".isdigit() is True, yet int("²") fails; and an id beyond a bigint would fail in the
    database. None asks for no query, so the caller answers 404 at once."""
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 1 <= number <= BIGGEST_ID else None


@contextmanager
def not_allowed_as_403() -> Iterator[None]:
    """A service's NotAllowed inside the block is answered 403, as a view's own check is."""
    try:
        yield
    except NotAllowed as refusal:
        raise PermissionDenied(str(refusal)) from refusal


class Partial(Protocol):
    """The piece of the page an htmx request swaps in (a task's row, say), told how it went:
    200 with `done`, or 422 with `error` (htmx swaps a 422 in too, by the project's config)."""

    def __call__(self, *, done: str = ..., error: str = ..., status: int = ...) -> HttpResponse: ...


def call_service(
    request: HttpRequest,
    service: Callable[[], object],
    *,
    done: str,
    then: HttpResponse,
    partial: Partial | None = None,
    typed: str = "",
) -> HttpResponse:
    """Call the service (a write that takes no form), show `done` when it went through or its
    refusal (an AppError) when not, and answer `then` (a redirect) either way; NotAllowed
    is a 403. An htmx request with a `partial` gets the partial instead, saying the same.
    `typed` is free text the person wrote with the request: on a refusal it is shown back
    with the reason, so nothing they typed is lost (the page it returns to may no longer
    offer the form, e.g. when someone else did the thing first)."""
    error = ""
    try:
        with not_allowed_as_403():
            service()
    except AppError as refusal:
        error = str(refusal)
    if partial is not None and is_htmx(request):
        if error:
            return partial(error=error, done="", status=422)
        return partial(error="", done=done, status=200)
    if error:
        messages.error(request, error)
        if typed.strip():
            messages.info(request, _("Not saved — what you typed: %(text)s") % {"text": typed})
    else:
        messages.success(request, done)
    return then


Form = TypeVar("Form", bound=BaseForm)
Result = TypeVar("Result")


def submit_form(
    request: HttpRequest,
    form: Form,
    service: Callable[[dict[str, Any]], Result],
    *,
    done: str | Callable[[Result], str],
    then: HttpResponse,
    refused: Callable[[Form], HttpResponse],
    partial: Callable[[str], HttpResponse] | None = None,
) -> HttpResponse:
    """A posted form: validate it and call the service with its cleaned data. When that went
    through, show `done` (or what `done` makes of the service's result) and answer `then`
    (a redirect), or for an htmx request `partial(done)`. When the form or the service
    refuses (an AppError, added to the form's own errors), answer `refused(form)`: the page
    again with the bound form, so it keeps what was typed (400 by the house rule). NotAllowed
    is a 403, never a form error."""
    if form.is_valid():
        try:
            with not_allowed_as_403():
                result = service(form.cleaned_data)
        except AppError as refusal:
            form.add_error(None, str(refusal))
        else:
            told = done(result) if callable(done) else done
            if partial is not None and is_htmx(request):
                return partial(told)
            messages.success(request, told)
            return then
    return refused(form)


@overload
def download(content: bytes, filename: str, content_type: str) -> HttpResponse: ...


@overload
def download(content: IO[bytes], filename: str, content_type: str) -> FileResponse: ...


def download(
    content: bytes | IO[bytes], filename: str, content_type: str
) -> HttpResponse | FileResponse:
    """Always a download, never rendered inline, and nosniff so a browser never takes it for
    something else: an uploaded file cannot run in our origin. Bytes made for this answer,
    or an open file streamed as it is read."""
    response: HttpResponse | FileResponse
    if isinstance(content, bytes):
        disposition = content_disposition_header(True, filename)
        response = HttpResponse(
            content, content_type=content_type, headers={"Content-Disposition": disposition}
        )
    else:
        response = FileResponse(
            content, as_attachment=True, filename=filename, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def table_download(
    table: Callable[[], exports.Table], *, fmt: str, sheet_title: str, stem: str
) -> HttpResponse:
    """A table as `<stem>.xlsx` or `<stem>.csv`; any other format is a page that is not there
    (answered before `table` reads anything)."""
    if fmt not in exports.CONTENT_TYPES:
        raise Http404
    headers, rows = table()
    if fmt == "xlsx":
        content = exports.as_xlsx(headers, rows, sheet_title)
    else:
        content = exports.as_csv(headers, rows)
    return download(content, f"{stem}.{fmt}", exports.CONTENT_TYPES[fmt])
