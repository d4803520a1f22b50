"""The risk register of a rollout: the register by score with the forms to add a risk (or
the article's starting entries) and to record a review, and a risk's edit page. Thin: the
access call, the form, the service, the redirect."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.views import signed_in, submit_form
from risks import selectors
from risks import services as services
from risks.access import access_register, access_risk
from risks.forms import ReviewForm, RiskEditForm, RiskForm, StartersForm
from risks.policies import adds_risks, edits_risk, is_high, reviews_risks
from roles import selectors as role_selectors
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user, permission_names


def _people(rollout: Rollout) -> Any:
    return role_selectors.people_of_rollout(rollout=rollout).select_related("department")


def _page(request: HttpRequest, rollout: Rollout, status: int = 200, **bound: Any) -> HttpResponse:
    rights = permission_names(request, rollout)
    risks = list(selectors.register(rollout=rollout))
    taken = {risk.starter for risk in risks if risk.starter}
    me = request.user.pk
    context = {
        "rollout": rollout,
        "risks": risks,
        "high": {r.pk for r in risks if is_high(likelihood=r.likelihood, impact=r.impact)},
        "overdue": selectors.overdue_ids(risks),
        "editable": {r.pk for r in risks if edits_risk(rights, person_id=me, owner_id=r.owner_id)},
        "latest_review": selectors.latest_review(rollout=rollout),
        "may_add": adds_risks(rights),
        "may_review": reviews_risks(rights),
        "risk_form": bound.get("risk_form") or RiskForm(people=_people(rollout)),
        "starters_form": bound.get("starters_form") or StartersForm(taken=taken),
        "review_form": bound.get("review_form") or ReviewForm(),
    }
    return render(request, "risks/register.html", context, status=status)


def _back(rollout: Rollout) -> HttpResponse:
    return redirect("risks:risks", rollout_pk=rollout.pk)


@require_GET
@login_required
def register(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    return _page(request, get_rollout_for_user(request.user, rollout_pk))


def _adding(request: HttpRequest, rollout_pk: int) -> Rollout:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    rights = permission_names(request, rollout)
    return access_register(signed_in(request), rollout, rights, to=services.ADD)


@require_POST
@login_required
def risk_new(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = _adding(request, rollout_pk)
    return submit_form(
        request,
        RiskForm(request.POST, people=_people(rollout)),
        lambda data: services.risk_create(by=signed_in(request), rollout=rollout, **data),
        done=lambda risk: _("Risk “%(risk)s” added.") % {"risk": risk},
        then=_back(rollout),
        refused=lambda form: _page(request, rollout, status=400, risk_form=form),
    )


@require_POST
@login_required
def starters_add(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = _adding(request, rollout_pk)
    taken = selectors.starters_taken(rollout=rollout)
    return submit_form(
        request,
        StartersForm(request.POST, taken=taken),
        lambda data: services.risks_add_starters(
            by=signed_in(request), rollout=rollout, keys=data["starters"]
        ),
        done=lambda added: _("%(count)s of the article's risks added.") % {"count": len(added)},
        then=_back(rollout),
        refused=lambda form: _page(request, rollout, status=400, starters_form=form),
    )


@require_POST
@login_required
def review_record(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    rights = permission_names(request, rollout)
    rollout = access_register(signed_in(request), rollout, rights, to=services.REVIEW)
    return submit_form(
        request,
        ReviewForm(request.POST),
        lambda data: services.risk_review_record(
            by=signed_in(request), rollout=rollout, note=data["note"]
        ),
        done=_("The risk register is marked reviewed."),
        then=_back(rollout),
        refused=lambda form: _page(request, rollout, status=400, review_form=form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def risk_edit(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    rights = permission_names(request, rollout)
    risk = access_risk(signed_in(request), rollout, pk, rights)
    # Only the executive hands a risk on (risks.services.risk_update): the owner's form
    # offers the owner alone.
    people = _people(rollout)
    if not reviews_risks(rights):
        people = people.filter(pk=risk.owner_id)

    def page(form: RiskEditForm, status: int = 200) -> HttpResponse:
        context = {"rollout": rollout, "risk": risk, "form": form}
        return render(request, "risks/risk_edit.html", context, status=status)

    if request.method == "GET":
        fields = ["title", "description", "owner", "likelihood", "impact", "mitigation"]
        initial = {name: getattr(risk, name) for name in fields}
        initial.update(title=risk.shown_title, description=risk.shown_description)
        initial.update(due_date=risk.due_date, status=risk.status)
        return page(RiskEditForm(initial=initial, people=people))
    return submit_form(
        request,
        RiskEditForm(request.POST, people=people),
        lambda data: services.risk_update(by=signed_in(request), risk=risk, **data),
        done=lambda saved: _("Risk “%(risk)s” saved.") % {"risk": saved},
        then=_back(rollout),
        refused=lambda form: page(form, status=400),
    )
