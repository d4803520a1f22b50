"""The After go-live page: per adoption measure, a department-by-month table and a chart,
the forms of whoever may define or record, the import, and every change. Thin views: the
access call (goals.access), the form, the service, then back to the page; a refused form
is shown again with what was typed (400)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.views import signed_in, submit_form
from goals import adoption, adoption_imports
from goals.access import access_adoption_record, access_goal
from goals.adoption_forms import AdoptionImportForm, AdoptionValueForm, MeasureForm
from goals.adoption_history import adoption_history
from goals.adoption_selectors import adoption_tables, measures_of_rollout
from goals.imports import ImportReport
from goals.models import plain
from goals.policies import may_define_measures, may_record_any_adoption
from goals.services import GoalError
from roles.models import Department
from roles.selectors.people import departments_of_rollout, managed_department_ids
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user, permission_names


def _recordable(request: HttpRequest, rollout: Rollout, *, executive: bool) -> QuerySet[Department]:
    """The departments the person records for: every one of the rollout's for the executive,
    their own for a manager."""
    departments = departments_of_rollout(rollout=rollout)
    if executive:
        return departments
    return departments.filter(pk__in=managed_department_ids(user=request.user, rollout=rollout))


def _value_form(
    request: HttpRequest, rollout: Rollout, *, executive: bool, data: object = None
) -> AdoptionValueForm:
    return AdoptionValueForm(
        data,
        measures=measures_of_rollout(rollout=rollout),
        departments=_recordable(request, rollout, executive=executive),
    )


def _page(
    request: HttpRequest,
    rollout: Rollout,
    *,
    measure_form: MeasureForm | None = None,
    value_form: AdoptionValueForm | None = None,
    status: int = 200,
) -> HttpResponse:
    rights = permission_names(request, rollout)
    executive = may_define_measures(rights)
    managed = managed_department_ids(user=request.user, rollout=rollout)
    may_record = may_record_any_adoption(rights, managed=managed)
    tables = adoption_tables(rollout=rollout)
    context = {
        "rollout": rollout,
        "tables": tables,
        "may_define": executive,
        "may_record": may_record,
        "measure_form": (measure_form or MeasureForm()) if executive else None,
        "value_form": (value_form or _value_form(request, rollout, executive=executive))
        if may_record and tables
        else None,
        "history": adoption_history(rollout=rollout),
    }
    return render(request, "goals/adoption.html", context, status=status)


def _back(rollout: Rollout, anchor: str = "") -> HttpResponse:
    response = redirect("goals:adoption", rollout_pk=rollout.pk)
    response["Location"] += anchor
    return response


@require_GET
@login_required
def adoption_page(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    return _page(request, get_rollout_for_user(request.user, rollout_pk))


@require_POST
@login_required
def measure_new(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    access_goal(signed_in(request), rollout, permission_names(request, rollout))
    return submit_form(
        request,
        MeasureForm(request.POST),
        lambda data: adoption.measure_create(
            by=signed_in(request), rollout=rollout, figures=MeasureForm.figures(data)
        ),
        done=lambda measure: _("Measure defined: %(measure)s.") % {"measure": measure},
        then=_back(rollout, "#measures"),
        refused=lambda form: _page(request, rollout, measure_form=form, status=400),
    )


@require_POST
@login_required
def adoption_value_new(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    rights = permission_names(request, rollout)
    access_adoption_record(signed_in(request), rollout, rights)
    executive = may_define_measures(rights)
    return submit_form(
        request,
        _value_form(request, rollout, executive=executive, data=request.POST),
        lambda data: adoption.adoption_record(
            by=signed_in(request),
            measure=data["measure"],
            department=data["department"],
            month=data["month"],
            value=data["value"],
        ),
        done=lambda row: (
            _("%(measure)s, %(department)s, %(month)s: %(value)s %(unit)s recorded.")
            % {
                "measure": row.measure.name,
                "department": row.department,
                "month": f"{row.month:%Y-%m}",
                "value": plain(row.value),
                "unit": row.measure.unit,
            }
        ),
        then=_back(rollout, "#measures"),
        refused=lambda form: _page(request, rollout, value_form=form, status=400),
    )


def _import_page(
    request: HttpRequest,
    rollout: Rollout,
    form: AdoptionImportForm,
    report: ImportReport | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {"rollout": rollout, "form": form, "report": report}
    return render(request, "goals/adoption_import.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def adoption_import_page(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    access_adoption_record(signed_in(request), rollout, permission_names(request, rollout))
    if request.method != "POST":
        return _import_page(request, rollout, AdoptionImportForm())
    form = AdoptionImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, rollout, form, status=400)
    try:
        report = adoption_imports.adoption_import(
            by=signed_in(request), rollout=rollout, upload=form.cleaned_data["file"]
        )
    except GoalError as error:
        form.add_error("file", str(error))
        return _import_page(request, rollout, form, status=400)
    if not report.ok:
        return _import_page(request, rollout, AdoptionImportForm(), report, status=400)
    messages.success(
        request,
        ngettext("%(count)s value recorded.", "%(count)s values recorded.", report.recorded)
        % {"count": report.recorded},
    )
    # Redirect after success, so reloading the page cannot import the file twice.
    return _back(rollout, "#measures")
