"""The benefits realisation page: the goal's targets against their latest actuals, and the
finance seat's expected yearly benefit of the chosen vendor against the realised one, with
the form of whoever records the realised benefit (the finance seat, the executive). Thin:
the access call (goals.access), the form, the service (goals.adoption), back to the page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.views import signed_in, submit_form
from gates.selectors.benefits import benefits_realisation
from goals import adoption
from goals.access import access_benefit
from goals.adoption_forms import BenefitForm
from goals.policies import may_record_benefit
from roles.selectors.people import seats_held
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user, permission_names


def _page(
    request: HttpRequest, rollout: Rollout, *, form: BenefitForm | None = None, status: int = 200
) -> HttpResponse:
    rights = permission_names(request, rollout)
    may_record = may_record_benefit(rights, seats=seats_held(person=request.user, rollout=rollout))
    context = {
        "rollout": rollout,
        "benefits": benefits_realisation(rollout=rollout),
        "form": (form or BenefitForm()) if may_record else None,
    }
    return render(request, "gates/benefits.html", context, status=status)


@require_GET
@login_required
def benefits(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    return _page(request, get_rollout_for_user(request.user, rollout_pk))


@require_POST
@login_required
def benefit_record(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    access_benefit(signed_in(request), rollout, permission_names(request, rollout))
    return submit_form(
        request,
        BenefitForm(request.POST),
        lambda data: adoption.benefit_record(
            by=signed_in(request),
            rollout=rollout,
            yearly_amount=data["yearly_amount"],
            as_of=data["as_of"],
            note=data["note"],
        ),
        done=lambda row: (
            _("Realised benefit as of %(day)s: ¥%(amount)s a year recorded.")
            % {"day": f"{row.as_of:%Y-%m-%d}", "amount": floatformat(row.yearly_amount, "-2g")}
        ),
        then=redirect("gates:benefits", rollout_pk=rollout.pk),
        refused=lambda form: _page(request, rollout, form=form, status=400),
    )
