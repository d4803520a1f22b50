"""Editing a task, an objective or a workstream: the form (GET) and its save (POST), each
page with the history of the thing. Who may edit what: work.edit_services."""

from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.db.models import Model, QuerySet, prefetch_related_objects
from django.forms import BaseForm
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.views import signed_in, submit_form
from roles import selectors as role_selectors
from rollout.models import Rollout
from rollout.permissions import object_in_rollout
from work import edit_services
from work.access import access_objective, access_task, access_workstream
from work.edit_services import EditConflict, ObjectiveChanges, TaskChanges, WorkstreamChanges
from work.forms import ObjectiveEditForm, TaskEditForm, WorkstreamEditForm
from work.history_selectors import objective_history, task_history, workstream_history
from work.plan_changes import PlanChange
from work.views.planning import planned_departments


def _edit(
    request: HttpRequest,
    rollout: Rollout,
    *,
    what: Model,
    heading: str,
    form_class: type[BaseForm],
    options: dict[str, Any],
    version: Callable[[], str],
    save: Callable[[Any, str], Sequence[PlanChange]],
    history: Callable[[], Iterable[PlanChange]],
    back: str,
    then: str,
) -> HttpResponse:
    """GET: the form filled with the current values and the version they make. POST: the
    save (`save(changes, version)`: the form's fields are the service's changes, a list for
    a choice of many), then `then`; on a refusal the form again with what was typed (400),
    and the version of the values as they are now, read again."""

    def page(form: BaseForm, status: int = 200) -> HttpResponse:
        context = {
            "rollout": rollout,
            "what": what,
            "heading": heading,
            "form": form,
            "history": list(history()),
            "back": back,
        }
        return render(request, "work/plan_edit.html", context, status=status)

    if request.method == "GET":
        fields = [name for name in form_class(**options).fields if name != "version"]
        initial = {**model_to_dict(what, fields=fields), "version": version()}
        return page(form_class(initial=initial, **options))
    return submit_form(
        request,
        form_class(request.POST, **options),
        lambda data: save(_changes(data), data["version"]),
        done=_saved(what),
        then=redirect(then),
        refused=lambda form: page(_renewed(form, _reread(what, version), what), status=400),
    )


def _changes(data: dict[str, Any]) -> dict[str, Any]:
    return {
        name: list(value) if isinstance(value, QuerySet) else value
        for name, value in data.items()
        if name != "version"
    }


def _reread(what: Model, version: Callable[[], str]) -> str:
    """The version of the values now: someone may have saved since the page was read."""
    what.refresh_from_db()  # drops the prefetched relations too
    return version()


def _renewed(form: BaseForm, current: str, what: object) -> BaseForm:
    """A refused form opened before someone else saved says so, and now carries the current
    version: saving it again overwrites knowingly, never silently."""
    try:
        edit_services.refuse_stale(str(form.data.get("version", "")), current, what)
    except EditConflict as conflict:
        if str(conflict) not in form.non_field_errors():
            form.add_error(None, str(conflict))
        posted = cast(QueryDict, form.data).copy()
        posted["version"] = current
        form.data = posted
    return form


def _saved(what: object) -> Callable[[Sequence[PlanChange]], str]:
    def told(rows: Sequence[PlanChange]) -> str:
        if not rows:
            return _("Nothing to save: “%(what)s” already had these values.") % {"what": what}
        fields = ", ".join(str(row.field_label) for row in rows)
        return _("“%(what)s” saved. Changed: %(fields)s.") % {"what": what, "fields": fields}

    return told


@require_http_methods(["GET", "POST"])
@login_required
def task_edit(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, task = object_in_rollout(request.user, rollout_pk, access_task, pk, to="plan")
    prefetch_related_objects([task], "assignees", "blocked_by")

    def save(changes: TaskChanges, version: str) -> Sequence[PlanChange]:
        by = signed_in(request)
        return edit_services.task_update(by=by, task=task, changes=changes, version=version)

    options = {
        "task": task,
        "departments": planned_departments(request, rollout),
        "members": role_selectors.members_of_rollout(rollout=rollout),
    }
    return _edit(
        request,
        rollout,
        what=task,
        heading=_("Edit the task “%(title)s”") % {"title": task},
        form_class=TaskEditForm,
        options=options,
        version=lambda: edit_services.task_version(task),
        save=save,
        history=lambda: task_history(task),
        back=reverse("work:task_detail", args=[rollout.pk, task.pk]),
        then=reverse("work:task_detail", args=[rollout.pk, task.pk]),
    )


@require_http_methods(["GET", "POST"])
@login_required
def objective_edit(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, objective = object_in_rollout(request.user, rollout_pk, access_objective, pk)

    def save(changes: ObjectiveChanges, version: str) -> Sequence[PlanChange]:
        by = signed_in(request)
        return edit_services.objective_update(
            by=by, objective=objective, changes=changes, version=version
        )

    return _edit(
        request,
        rollout,
        what=objective,
        heading=_("Edit the objective “%(title)s”") % {"title": objective},
        form_class=ObjectiveEditForm,
        options={"departments": planned_departments(request, rollout)},
        version=lambda: edit_services.objective_version(objective),
        save=save,
        history=lambda: objective_history(objective),
        back=reverse("work:plan", args=[rollout.pk]),
        then=request.path,
    )


@require_http_methods(["GET", "POST"])
@login_required
def workstream_edit(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    # The workstream comes with its departments prefetched.
    rollout, workstream = object_in_rollout(request.user, rollout_pk, access_workstream, pk)

    def save(changes: WorkstreamChanges, version: str) -> Sequence[PlanChange]:
        by = signed_in(request)
        return edit_services.workstream_update(
            by=by, workstream=workstream, changes=changes, version=version
        )

    return _edit(
        request,
        rollout,
        what=workstream,
        heading=_("Edit the workstream “%(name)s”") % {"name": workstream},
        form_class=WorkstreamEditForm,
        options={},
        version=lambda: edit_services.workstream_version(workstream),
        save=save,
        history=lambda: workstream_history(workstream),
        back=reverse("work:plan", args=[rollout.pk]),
        then=request.path,
    )
