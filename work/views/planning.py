"""Planning: the executive's goals broken into department objectives, workstreams and
tasks. The executive plans for every department, a middle manager for their own."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.form_choices import choices_from
from core.pagination import CountedPaginator
from core.views import signed_in, submit_form
from roles import selectors as role_selectors
from roles.models import Department, User
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user, permission_names
from work import progress, selectors
from work import services as services
from work.forms import ObjectiveForm, TaskForm, WorkstreamForm
from work.models import Workstream
from work.policies import edits_workstream, plans_for_every_department
from work.views.board import PER_PAGE
from work.views.filtering import filter_from_url


def _planner_rollout(request: HttpRequest, rollout_pk: int) -> Rollout:
    return get_rollout_for_user(request.user, rollout_pk, "rollout.plan_work")


def planned_departments(request: HttpRequest, rollout: Rollout) -> Any:
    """The departments the signed-in person plans work for: all of the rollout's for the
    executive, those they manage for a middle manager."""
    departments = role_selectors.departments_of_rollout(rollout=rollout)
    if plans_for_every_department(permission_names(request, rollout)):
        return departments
    managed = role_selectors.managed_department_ids(user=request.user, rollout=rollout)
    return departments.filter(pk__in=managed)


def _forms(
    rollout: Rollout,
    *,
    planned: list[Department],
    members: list[User],
    **bound: Any,
) -> dict[str, Any]:
    """The page's empty forms show the departments and members the page read already; a
    refused form (in `bound`) comes back as it was posted."""
    departments = Department.objects.filter(pk__in=[d.pk for d in planned]).order_by("code")
    objective_form = bound.get("objective_form") or ObjectiveForm(departments=departments)
    task_form = bound.get("task_form") or TaskForm(
        rollout=rollout,
        departments=departments,
        members=role_selectors.members_of_rollout(rollout=rollout),
    )
    if "objective_form" not in bound:
        choices_from(objective_form, "department", planned)
    if "task_form" not in bound:
        choices_from(task_form, "department", planned)
        choices_from(task_form, "assignees", members)
    return {
        "objective_form": objective_form,
        "workstream_form": bound.get("workstream_form") or WorkstreamForm(),
        "task_form": task_form,
    }


def _edits(rights: set[str], planned: set[int], workstream: Workstream) -> bool:
    crossed = {department.pk for department in workstream.departments.all()}
    return edits_workstream(rights, managed=planned, crossed=crossed)


def _page(request: HttpRequest, rollout: Rollout, status: int = 200, **bound: Any) -> HttpResponse:
    objectives = list(progress.objectives_progress(rollout))
    workstreams = list(progress.workstreams_progress(rollout))
    # What the person may edit (work.edit_services): the links to the edit pages.
    # The rollout's departments and members are read once, for the filters and the forms.
    departments = list(role_selectors.departments_of_rollout(rollout=rollout))
    members = list(role_selectors.members_of_rollout(rollout=rollout))
    rights = permission_names(request, rollout)
    if plans_for_every_department(rights):
        planned = {department.pk for department in departments}
    else:
        planned = role_selectors.managed_department_ids(user=request.user, rollout=rollout)
    filter_form, filters = filter_from_url(
        request, rollout, departments=departments, members=members
    )
    count = selectors.tasks_count(rollout=rollout, filters=filters)
    tasks = CountedPaginator(
        selectors.planned_tasks(rollout=rollout, filters=filters), PER_PAGE, count=count
    ).get_page(request.GET.get("page"))
    context = {
        "rollout": rollout,
        "approach": selectors.current_approach(rollout=rollout),
        "objectives": objectives,
        "workstreams": workstreams,
        "editable_objectives": {o.pk for o in objectives if o.department_id in planned},
        "editable_workstreams": {w.pk for w in workstreams if _edits(rights, planned, w)},
        "filter_form": filter_form,
        "filters": filters,
        "page": tasks,
        "tasks": list(tasks.object_list),
        **_forms(
            rollout,
            planned=[department for department in departments if department.pk in planned],
            members=members,
            **bound,
        ),
    }
    return render(request, "work/plan.html", context, status=status)


@require_GET
@login_required
def plan(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    return _page(request, _planner_rollout(request, rollout_pk))


@require_POST
@login_required
def objective_new(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = _planner_rollout(request, rollout_pk)
    return submit_form(
        request,
        ObjectiveForm(request.POST, departments=planned_departments(request, rollout)),
        lambda data: services.objective_create(
            by=signed_in(request),
            rollout=rollout,
            department_id=data["department"].pk,
            title=data["title"],
            target=data["target"],
            due_date=data["due_date"],
        ),
        done=lambda objective: _("Objective “%(title)s” added.") % {"title": objective},
        then=redirect("work:plan", rollout_pk=rollout.pk),
        refused=lambda form: _page(request, rollout, status=400, objective_form=form),
    )


@require_POST
@login_required
def workstream_new(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = _planner_rollout(request, rollout_pk)
    return submit_form(
        request,
        WorkstreamForm(request.POST),
        lambda data: services.workstream_create(
            by=signed_in(request),
            rollout=rollout,
            name=data["name"],
            description=data["description"],
            is_core=data["is_core"],
            department_ids=[d.pk for d in data["departments"]],
        ),
        done=lambda workstream: _("Workstream “%(name)s” added.") % {"name": workstream},
        then=redirect("work:plan", rollout_pk=rollout.pk),
        refused=lambda form: _page(request, rollout, status=400, workstream_form=form),
    )


@require_POST
@login_required
def task_new(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = _planner_rollout(request, rollout_pk)
    form = TaskForm(
        request.POST,
        rollout=rollout,
        departments=planned_departments(request, rollout),
        members=role_selectors.members_of_rollout(rollout=rollout),
    )
    return submit_form(
        request,
        form,
        lambda data: services.task_create(
            by=signed_in(request),
            rollout=rollout,
            title=data["title"],
            description=data["description"],
            workstream=data["workstream"],
            objective=data["objective"],
            department_id=data["department"].pk,
            assignees=list(data["assignees"]),
            due_date=data["due_date"],
            estimate_hours=data["estimate_hours"],
            priority=data["priority"],
            blocked_by=list(data["blocked_by"]),
        ),
        done=lambda task: _("Task “%(title)s” added.") % {"title": task},
        then=redirect("work:plan", rollout_pk=rollout.pk),
        refused=lambda form: _page(request, rollout, status=400, task_form=form),
    )
