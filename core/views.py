"""Helpers shared by the rollout app's views."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

if TYPE_CHECKING:  # the people model lives in roles; rollout does not import it at run time
    from roles.models import User

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BIGGEST_ID = 2**63 - 1  # the largest value of a bigint primary key


def signed_in(request: HttpRequest) -> "User":
    """The signed-in person; every view that calls this is behind login_required."""
    return cast("User", request.user)


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


def attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """A download; nosniff so a browser never renders it as something else."""
    return HttpResponse(
        content,
        content_type=content_type,
        headers={
            "Content-Disposition": content_disposition_header(True, filename),
            "X-Content-Type-Options": "nosniff",
        },
    )
