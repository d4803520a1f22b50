"""Helpers shared by the rollout app's views."""

from typing import TYPE_CHECKING, cast

from django.forms import BaseForm
from django.http import HttpRequest

if TYPE_CHECKING:  # the people model lives in roles; rollout does not import it at run time
    from roles.models import User


def signed_in(request: HttpRequest) -> "User":
    """The signed-in person; every view that calls this is behind login_required."""
    return cast("User", request.user)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def form_errors(form: BaseForm) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def posted_text(request: HttpRequest, name: str, limit: int = 2000) -> str:
    """A free-text field read straight from POST (no form): without NUL characters, which
    PostgreSQL refuses in text, and cut to `limit`."""
    return request.POST.get(name, "").replace("\x00", "")[:limit]
