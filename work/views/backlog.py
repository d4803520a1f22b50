"""The Backlog page: each department's improvement backlog after go-live, filtered by
department and status in the URL, the person's own department first; and the forms that
add, edit and move items. Everyone in the rollout reads it; who may change what:
work.improvement_services."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.views import call_service, signed_in
from roles import selectors as role_selectors
from roles.models import Department
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user, permission_names
from work import improvement_services
from work.access import access_backlog, access_improvement
from work.improvement_forms import BacklogFilterForm, ImprovementForm, ImprovementStatusForm
from work.improvement_selectors import backlogs_by_department, improvements
from work.improvement_services import ImprovementInput
from work.improvements import ImprovementItem, ImprovementStatus
from work.policies import keeps_backlog
from work.views.record_form import record_form_page, record_initial, record_input


@require_GET
@login_required
def backlog(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    departments = list(role_selectors.departments_of_rollout(rollout=rollout))
    filters = BacklogFilterForm(request.GET or None, departments=departments)
    chosen_department, status = None, ""
    if filters.is_valid():
        chosen_department = filters.cleaned_data["department"]
        status = filters.cleaned_data["status"]
    items = list(
        improvements(
            rollout=rollout,
            department_id=chosen_department,
            status=status,
        )
    )
    rights = permission_names(request, rollout)
    managed = role_selectors.managed_department_ids(user=request.user, rollout=rollout)
    shown = [d for d in departments if chosen_department in (None, d.pk)]
    today = timezone.localdate()
    groups = backlogs_by_department(departments=shown, items=items, first=managed, today=today)
    for group in groups:
        group.keeps = keeps_backlog(rights, managed=managed, department_id=group.department.pk)
    context = {
        "rollout": rollout,
        "groups": groups,
        "filters": filters,
        "adds": any(group.keeps for group in groups)
        or improvement_services.may_add_improvements(signed_in(request), rollout),
        "statuses": ImprovementStatus.choices,
        "today": today,
    }
    return render(request, "work/backlog.html", context)


def _back(rollout: Rollout, item: ImprovementItem | None = None) -> str:
    url = reverse("work:backlog", args=[rollout.pk])
    return url + (f"#improvement-{item.pk}" if item else "")


def _kept_departments(request: HttpRequest, rollout: Rollout) -> QuerySet[Department]:
    """The departments whose backlog the person keeps: every one for the executive."""
    departments = role_selectors.departments_of_rollout(rollout=rollout)
    rights = permission_names(request, rollout)
    managed = role_selectors.managed_department_ids(user=request.user, rollout=rollout)
    kept = [d.pk for d in departments if keeps_backlog(rights, managed=managed, department_id=d.pk)]
    return departments.filter(pk__in=kept)


def _form(request: HttpRequest, rollout: Rollout, **kwargs: Any) -> ImprovementForm:
    return ImprovementForm(
        request.POST if request.method == "POST" else None,
        departments=_kept_departments(request, rollout),
        people=role_selectors.people_of_rollout(rollout=rollout),
        **kwargs,
    )


def _form_page(
    request: HttpRequest,
    rollout: Rollout,
    *,
    heading: str,
    form: ImprovementForm,
    save: Any,
    back: str,
) -> HttpResponse:
    return record_form_page(
        request,
        rollout,
        heading=heading,
        form=form,
        save=save,
        done=lambda item: _("Improvement “%(item)s” saved.") % {"item": item},
        back=back,
    )


@require_http_methods(["GET", "POST"])
@login_required
def improvement_new(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = access_backlog(signed_in(request), get_rollout_for_user(request.user, rollout_pk))
    initial = {"department": request.GET.get("department")}
    return _form_page(
        request,
        rollout,
        heading=_("Add an improvement"),
        form=_form(request, rollout, initial=initial),
        save=lambda data: improvement_services.improvement_create(
            by=signed_in(request), rollout=rollout, data=record_input(ImprovementInput, data)
        ),
        back=_back(rollout),
    )


@require_http_methods(["GET", "POST"])
@login_required
def improvement_edit(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    item = access_improvement(signed_in(request), rollout, pk, to="backlog")
    return _form_page(
        request,
        rollout,
        heading=_("Edit the improvement “%(item)s”") % {"item": item},
        form=_form(request, rollout, initial=record_initial(item, ImprovementInput)),
        save=lambda data: improvement_services.improvement_update(
            by=signed_in(request), item=item, data=record_input(ImprovementInput, data)
        ),
        back=_back(rollout, item),
    )


@require_POST
@login_required
def improvement_status(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    item = access_improvement(signed_in(request), rollout, pk, to="move")
    form = ImprovementStatusForm(request.POST)
    status, reason = "", ""
    if form.is_valid():
        status, reason = form.cleaned_data["status"], form.cleaned_data["reason"]
    done = _("“%(item)s” is now: %(status)s.") % {
        "item": item,
        "status": dict(ImprovementStatus.choices).get(status, ""),
    }
    return call_service(
        request,
        lambda: improvement_services.improvement_status_set(
            by=signed_in(request), item=item, status=status, reason=reason
        ),
        done=done,
        then=redirect(_back(rollout, item)),
        typed=reason,
    )
