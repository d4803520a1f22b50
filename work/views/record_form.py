"""The form page of a small record listed on a rollout page (a wall's hand-off or old way,
an improvement of a backlog): shown on GET; on POST saved through the service, then back to
where it is listed, or shown again with what was typed and the reason (400)."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from core.views import submit_form
from rollout.models import Rollout


def record_form_page(
    request: HttpRequest,
    rollout: Rollout,
    *,
    heading: str,
    form: Any,
    save: Callable[[dict[str, Any]], object],
    done: Callable[[Any], str],
    back: str,
) -> HttpResponse:
    def page(bound: Any, status: int = 200) -> HttpResponse:
        context = {"rollout": rollout, "heading": heading, "form": bound, "back": back}
        return render(request, "work/record_form.html", context, status=status)

    if request.method == "GET":
        return page(form)
    return submit_form(
        request, form, save, done=done, then=redirect(back), refused=lambda f: page(f, 400)
    )
