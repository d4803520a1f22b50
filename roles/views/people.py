"""Thin views: access helper, form, service, then a redirect with a message."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import activate
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.views import Refused, form_errors, signed_in, submit_form
from roles import selectors, services
from roles.forms import LanguageForm, RoleAssignForm, RoleEndForm, SignInForm
from roles.models import Role
from roles.permissions import (
    RoleAuthority,
    access_assignment,
    access_role_giving,
    get_person_for_user,
)
from roles.selectors.catalogue_links import entries_with_places, rollouts_holding_role
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user


def with_language_cookie(response: HttpResponseBase, language: str) -> HttpResponseBase:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


class RolloutLoginView(auth_views.LoginView):
    """Django's login, then the person's preferred language from their profile."""

    redirect_authenticated_user = True
    authentication_form = SignInForm

    def form_valid(self, form: Form) -> HttpResponse:
        response = super().form_valid(form)  # type: ignore[arg-type]  # it is an AuthenticationForm
        language = signed_in(self.request).preferred_language
        activate(language)
        with_language_cookie(response, language)
        return response


@require_POST
def language_set(request: HttpRequest) -> HttpResponseBase:
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next") or "/"
    # A local path only: redirect() would also treat "0" or "home" as a view to reverse.
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if not form.is_valid():
        messages.error(request, _("That language is not offered."))
        return HttpResponseRedirect(next_url)
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        services.user_set_language(user=signed_in(request), language=language)
    activate(language)
    return with_language_cookie(HttpResponseRedirect(next_url), language)


@require_GET
@login_required
def catalogue_index(request: HttpRequest) -> HttpResponse:
    return render(request, "roles/catalogue_index.html", {"roles": list(Role)})


@require_GET
@login_required
def catalogue_role(request: HttpRequest, role: str) -> HttpResponse:
    if role not in Role.values:
        raise Http404
    entries = selectors.catalogue_for_role(role=role)
    rollouts = rollouts_holding_role(person=request.user, role=role)
    context = {
        "role": Role(role),
        "entries": entries_with_places(entries=entries, rollouts=rollouts),
        "rollouts": rollouts,
    }
    return render(request, "roles/catalogue_role.html", context)


@require_GET
@login_required
def person_profile(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    assignments = selectors.roles_of_person(person=person, viewer=request.user)
    catalogue = selectors.catalogue_by_role_and_seat()
    roles = [(a, selectors.duties_for(a, catalogue)) for a in assignments]
    return render(request, "roles/person_profile.html", {"person": person, "roles": roles})


def _assign_form(authority: RoleAuthority, data: Any = None) -> RoleAssignForm:
    """The form for giving the roles the person may give here."""
    return RoleAssignForm(
        data, departments=authority.staffed_departments, all_roles=authority.manages_roles
    )


def _team_page(
    request: HttpRequest,
    rollout: Rollout,
    assign_form: RoleAssignForm | None = None,
    status: int = 200,
    refused_end: Refused | None = None,
) -> HttpResponse:
    authority = RoleAuthority(request.user, rollout)
    if assign_form is None and authority.may_assign:
        assign_form = _assign_form(authority)
    assignments = list(selectors.assignments_of_rollout(rollout=rollout))
    active = [a for a in assignments if a.is_active]
    # No End button on the executive's role: a rollout always has one (role_end says so).
    endable = {a.pk for a in active if a.role != Role.EXECUTIVE and authority.may_end(a)}
    context = {
        "rollout": rollout,
        "team": selectors.team_by_role(active),
        "seats": selectors.seats_of(active),
        "history": [a for a in assignments if not a.is_active],
        "can_manage": assign_form is not None or bool(endable),
        "endable": endable,
        "assign_form": assign_form,
        "end_form": RoleEndForm() if endable else None,
        "refused_end": refused_end,
    }
    return render(request, "roles/team.html", context, status=status)


@require_GET
@login_required
def team(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    return _team_page(request, get_rollout_for_user(request.user, rollout_pk))


@require_POST
@login_required
def team_assign(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    # The executive gives roles; a department's head names its middle manager. Which role
    # for which department is checked again in the service.
    authority = access_role_giving(request.user, rollout)
    return submit_form(
        request,
        _assign_form(authority, request.POST),
        lambda data: services.role_assign(by=signed_in(request), rollout=rollout, **data),
        done=lambda assignment: (
            _("%(person)s is now %(role)s.")
            % {"person": assignment.person, "role": assignment.label}
        ),
        then=redirect("roles:team", rollout_pk=rollout.pk),
        # Re-render with the person's input kept and the errors next to the fields.
        refused=lambda form: _team_page(request, rollout, assign_form=form, status=400),
    )


@require_POST
@login_required
def team_end(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    assignment = access_assignment(request.user, rollout, pk, to="end")
    return submit_form(
        request,
        RoleEndForm(request.POST),
        lambda data: services.role_end(by=signed_in(request), assignment=assignment, **data),
        done=_("%(person)s is no longer %(role)s.")
        % {"person": assignment.person, "role": assignment.label},
        then=redirect("roles:team", rollout_pk=rollout.pk),
        # The team page again, the reason typed in the assignment's row with why it was refused.
        refused=lambda form: _team_page(
            request,
            rollout,
            status=400,
            refused_end=Refused(assignment.pk, request.POST, form_errors(form)),
        ),
    )
