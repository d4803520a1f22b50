"""The form page of a small record listed on a rollout page (a wall's hand-off or old way,
an improvement of a backlog): shown on GET; on POST saved through the service, then back to
where it is listed, or shown again with what was typed and the reason (400)."""

from collections.abc import Callable
from dataclasses import fields
from typing import Any, TypeVar

from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from core.views import submit_form
from rollout.models import Rollout

Input = TypeVar("Input")


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


def record_input(input_type: type[Input], data: dict[str, Any]) -> Input:
    """The service's input from a form whose fields are named as the input's fields."""
    return input_type(**{f.name: data[f.name] for f in fields(input_type) if f.name in data})  # type: ignore[arg-type]


def record_initial(record: Model, input_type: type[Any]) -> dict[str, Any]:
    """The edit form's first values: the record's, for each of the input's fields (a
    foreign key's id, as the form's choice field takes it)."""
    return {f.name: record.serializable_value(f.name) for f in fields(input_type)}
