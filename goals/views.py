"""The Goal page: the goal's words, its targets with their latest value, progress and
chart, the forms of whoever may set or record, and every change. Thin views: the access
call (goals.access), the form, the service, then back to the page; a refused form is
shown again with what was typed (400)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.views import signed_in, submit_form
from goals import imports, selectors
from goals import services as goals
from goals.access import access_goal, access_import, access_target
from goals.forms import ActualForm, ActualsImportForm, GoalTextForm, TargetForm
from goals.history import goal_history
from goals.models import GoalTarget, plain
from goals.policies import may_record_actual, may_set_goal
from roles.models import User
from roles.selectors import people as people_selectors
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user, permission_names


def _people(rollout: Rollout) -> QuerySet[User]:
    """The owners a target may have: the people holding a role on the rollout."""
    return people_selectors.people_of_rollout(rollout=rollout).select_related("department")


def _page(
    request: HttpRequest,
    rollout: Rollout,
    *,
    goal_form: GoalTextForm | None = None,
    target_form: TargetForm | None = None,
    refused: tuple[int, ActualForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    rights = permission_names(request, rollout)
    may_set = may_set_goal(rights)
    rows = selectors.targets_of_rollout(rollout=rollout)
    for row in rows:
        if may_record_actual(request.user, row.target, rights):
            pk = row.target.pk
            row.form = refused[1] if refused and refused[0] == pk else ActualForm(prefix=f"t{pk}")
    context = {
        "rollout": rollout,
        "rows": rows,
        "may_set": may_set,
        "may_import": may_set or any(row.form is not None for row in rows),
        "goal_form": (goal_form or GoalTextForm(initial={"goal": rollout.goal}))
        if may_set
        else None,
        "target_form": (target_form or TargetForm(people=_people(rollout))) if may_set else None,
        "history": goal_history(rollout=rollout),
    }
    return render(request, "goals/goal.html", context, status=status)


def _back(rollout: Rollout, anchor: str = "") -> HttpResponse:
    response = redirect("goals:goal", rollout_pk=rollout.pk)
    response["Location"] += anchor
    return response


@require_GET
@login_required
def goal_page(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    return _page(request, get_rollout_for_user(request.user, rollout_pk))


@require_POST
@login_required
def goal_text(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    access_goal(signed_in(request), rollout, permission_names(request, rollout))
    return submit_form(
        request,
        GoalTextForm(request.POST),
        lambda data: goals.goal_text_set(by=signed_in(request), rollout=rollout, text=data["goal"]),
        done=_("The goal is saved."),
        then=_back(rollout),
        refused=lambda form: _page(request, rollout, goal_form=form, status=400),
    )


@require_POST
@login_required
def target_new(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    access_goal(signed_in(request), rollout, permission_names(request, rollout))
    return submit_form(
        request,
        TargetForm(request.POST, people=_people(rollout)),
        lambda data: goals.target_create(
            by=signed_in(request), rollout=rollout, figures=TargetForm.figures(data)
        ),
        done=lambda target: _("Target set: %(target)s.") % {"target": target},
        then=_back(rollout, "#targets"),
        refused=lambda form: _page(request, rollout, target_form=form, status=400),
    )


def _edit_page(
    request: HttpRequest, rollout: Rollout, target: GoalTarget, form: TargetForm, status: int = 200
) -> HttpResponse:
    context = {"rollout": rollout, "target": target, "form": form}
    return render(request, "goals/target_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def target_edit(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    rights = permission_names(request, rollout)
    target = access_target(signed_in(request), rollout, pk, rights, to="set")
    if request.method != "POST":
        return _edit_page(request, rollout, target, TargetForm.of(target, people=_people(rollout)))
    return submit_form(
        request,
        TargetForm(request.POST, people=_people(rollout)),
        lambda data: goals.target_change(
            by=signed_in(request), target=target, figures=TargetForm.figures(data)
        ),
        done=lambda changed: _("Target changed: %(target)s.") % {"target": changed},
        then=_back(rollout, f"#target-{target.pk}"),
        refused=lambda form: _edit_page(request, rollout, target, form, status=400),
    )


@require_POST
@login_required
def actual_new(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    rights = permission_names(request, rollout)
    target = access_target(signed_in(request), rollout, pk, rights, to="record")
    return submit_form(
        request,
        ActualForm(request.POST, prefix=f"t{target.pk}"),
        lambda data: goals.actual_record(
            by=signed_in(request), target=target, value=data["value"], as_of=data["as_of"]
        ),
        done=lambda actual: (
            _("%(measure)s on %(day)s: %(value)s %(unit)s recorded.")
            % {
                "measure": target.measure,
                "day": f"{actual.as_of:%Y-%m-%d}",
                "value": plain(actual.value),
                "unit": target.unit,
            }
        ),
        then=_back(rollout, f"#target-{target.pk}"),
        refused=lambda form: _page(request, rollout, refused=(target.pk, form), status=400),
    )


def _import_page(
    request: HttpRequest,
    rollout: Rollout,
    form: ActualsImportForm,
    report: imports.ImportReport | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {"rollout": rollout, "form": form, "report": report}
    return render(request, "goals/import.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def actuals_import_page(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    access_import(signed_in(request), rollout, permission_names(request, rollout))
    if request.method != "POST":
        return _import_page(request, rollout, ActualsImportForm())
    form = ActualsImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, rollout, form, status=400)
    try:
        report = imports.actuals_import(
            by=signed_in(request), rollout=rollout, upload=form.cleaned_data["file"]
        )
    except goals.GoalError as error:
        form.add_error("file", str(error))
        return _import_page(request, rollout, form, status=400)
    if not report.ok:
        return _import_page(request, rollout, ActualsImportForm(), report, status=400)
    messages.success(
        request,
        ngettext("%(count)s value recorded.", "%(count)s values recorded.", report.recorded)
        % {"count": report.recorded},
    )
    # Redirect after success, so reloading the page cannot import the file twice.
    return _back(rollout, "#targets")
