"""Thin views of the selection criteria (edited until the weights lock) and the department
hourly rates (the finance seat's): access helper, form, service, redirect; a refused form
comes back on its row with what was typed (400)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import one_or_404
from core.views import call_service, signed_in, submit_form
from roles.models import Seat
from roles.selectors import departments_of_rollout, seats_held
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user
from selection import criteria_services, policies, selectors, services
from selection.access import access_rates, access_seats
from selection.forms import CriterionEditForm, CriterionForm, DepartmentRateForm
from selection.models import Criterion, Dimension


def _rollout(request: HttpRequest, rollout_pk: int) -> Rollout:
    return get_rollout_for_user(request.user, rollout_pk)


# --- criteria ------------------------------------------------------------------------------


def _criteria_page(
    request: HttpRequest,
    rollout: Rollout,
    *,
    add_form: CriterionForm | None = None,
    refused: tuple[int, CriterionEditForm] | None = None,
) -> HttpResponse:
    """Every criterion by dimension; the senior seat's forms while the weights are open. A
    refused form (400) is shown at its place, as typed."""
    weighting = selectors.weighting_of_rollout(rollout=rollout)
    editable = not policies.weights_locked(weighting) and Seat.SENIOR in seats_held(
        person=signed_in(request), rollout=rollout
    )
    criteria = list(selectors.criteria_of_rollout(rollout=rollout))
    rows = []
    for criterion in criteria:
        form = None
        if refused and refused[0] == criterion.pk:
            form = refused[1]
        elif editable:
            form = CriterionEditForm(instance=criterion, auto_id=f"c{criterion.pk}_%s")
        rows.append((criterion, form))
    context = {
        "rollout": rollout,
        "groups": [
            (d.label, [(c, f) for c, f in rows if c.dimension == d.value]) for d in Dimension
        ],
        "editable": editable,
        "locked_reason": criteria_services.criteria_locked_reason(weighting)
        if policies.weights_locked(weighting)
        else "",
        "add_form": add_form or (CriterionForm(auto_id="new_%s") if editable else None),
        "history": selectors.criterion_history(rollout=rollout),
    }
    status = 400 if add_form or refused else 200
    return render(request, "selection/criteria.html", context, status=status)


@login_required
def criteria(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    """The criteria (GET, for everyone who sees the selection); a new one (POST)."""
    rollout = _rollout(request, rollout_pk)
    if request.method != "POST":
        return _criteria_page(request, rollout)
    access_seats(signed_in(request), rollout, Seat.SENIOR)
    return submit_form(
        request,
        CriterionForm(request.POST, auto_id="new_%s"),
        lambda data: criteria_services.criterion_add(
            by=signed_in(request), rollout=rollout, **data
        ),
        done=lambda criterion: _("Criterion “%(text)s” added.") % {"text": criterion},
        then=redirect("selection:criteria", rollout_pk=rollout.pk),
        refused=lambda form: _criteria_page(request, rollout, add_form=form),
    )


def _criterion(request: HttpRequest, rollout: Rollout, pk: int) -> Criterion:
    """A criterion of the rollout, for the senior seat (403 before anything is read); 404
    for any other id."""
    access_seats(signed_in(request), rollout, Seat.SENIOR)
    return one_or_404(selectors.criteria_of_rollout(rollout=rollout), pk=pk)


@require_POST
@login_required
def criterion_edit(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = _rollout(request, rollout_pk)
    criterion = _criterion(request, rollout, pk)
    form = CriterionEditForm(request.POST, instance=criterion, auto_id=f"c{criterion.pk}_%s")
    return submit_form(
        request,
        form,
        lambda data: criteria_services.criterion_change(
            by=signed_in(request), criterion=criterion, **data
        ),
        done=_("Criterion saved; the change is in the history."),
        then=redirect("selection:criteria", rollout_pk=rollout.pk),
        refused=lambda form: _criteria_page(request, rollout, refused=(pk, form)),
    )


@require_POST
@login_required
def criterion_remove(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = _rollout(request, rollout_pk)
    criterion = _criterion(request, rollout, pk)
    return call_service(
        request,
        lambda: criteria_services.criterion_remove(by=signed_in(request), criterion=criterion),
        done=_("Criterion removed; the history keeps what it said."),
        then=redirect("selection:criteria", rollout_pk=rollout.pk),
    )


# --- department hourly rates --------------------------------------------------------------


def _rates_page(
    request: HttpRequest,
    rollout: Rollout,
    edits: bool,
    refused: DepartmentRateForm | None = None,
) -> HttpResponse:
    context = {
        "rollout": rollout,
        "rows": selectors.department_rates(rollout=rollout),
        "edits": edits,
        "refused": refused,
        "history": selectors.rate_history(rollout=rollout),
    }
    return render(
        request, "selection/department_rates.html", context, status=400 if refused else 200
    )


@login_required
def department_rates(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    """The hourly rate of each department in the rollout: the finance seat sets them (the
    internal staff cost of the cost-benefit), whoever may see the results reads them."""
    rollout = _rollout(request, rollout_pk)
    user = signed_in(request)
    if request.method != "POST":
        return _rates_page(request, rollout, access_rates(user, rollout, to="read"))
    access_rates(user, rollout, to="edit")
    form = DepartmentRateForm(request.POST, departments=departments_of_rollout(rollout=rollout))
    return submit_form(
        request,
        form,
        lambda data: services.rate_set(
            by=user,
            rollout=rollout,
            department_id=data["department"].pk,
            hourly_rate=data["hourly_rate"],
        ),
        done=lambda rate: (
            _("Hourly rate of %(department)s saved: ¥%(rate)s.")
            % {"department": rate.department, "rate": rate.hourly_rate}
        ),
        then=redirect("selection:department_rates", rollout_pk=rollout.pk),
        refused=lambda form: _rates_page(request, rollout, True, form),
    )
