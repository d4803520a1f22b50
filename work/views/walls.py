"""The Walls page: each cross-department workstream of a rollout with the hand-offs between
its departments and the old ways it retires, and the forms that add, edit, move or retire
them. Everyone in the rollout reads it; who may change what: work.wall_services."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.views import call_service, signed_in
from roles import selectors as role_selectors
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user, permission_names
from work import wall_services
from work.access import access_handoff, access_old_way, access_walls
from work.models import Workstream
from work.policies import takes_down_walls
from work.views.record_form import record_form_page
from work.wall_forms import HandoffForm, HandoffStateForm, OldWayForm
from work.wall_selectors import cross_department_workstreams
from work.wall_services import HandoffInput, OldWayInput
from work.walls import HandoffState


@require_GET
@login_required
def walls(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    workstreams = list(cross_department_workstreams(rollout=rollout))
    rights = permission_names(request, rollout)
    managed = role_selectors.managed_department_ids(user=request.user, rollout=rollout)
    keeps = {
        w.pk
        for w in workstreams
        if takes_down_walls(rights, managed=managed, crossed={d.pk for d in w.departments.all()})
    }
    context = {
        "rollout": rollout,
        "workstreams": workstreams,
        # The workstreams whose walls the person changes, and the old ways they may retire
        # (work.policies.marks_old_way_retired: those, and the ones they own).
        "keeps": keeps,
        "retires": {
            o.pk
            for w in workstreams
            for o in w.old_ways.all()
            if w.pk in keeps or o.owner_id == request.user.pk
        },
        "states": HandoffState.choices,
        "today": timezone.localdate(),
    }
    return render(request, "work/walls.html", context)


def _back(rollout: Rollout, workstream: Workstream) -> str:
    return reverse("work:walls", args=[rollout.pk]) + f"#walls-{workstream.pk}"


def _form_page(
    request: HttpRequest,
    rollout: Rollout,
    workstream: Workstream,
    *,
    heading: str,
    form: Any,
    save: Callable[[dict[str, Any]], object],
    done: Callable[[Any], str],
) -> HttpResponse:
    """The form, then back to the workstream's walls."""
    return record_form_page(
        request,
        rollout,
        heading=heading,
        form=form,
        save=save,
        done=done,
        back=_back(rollout, workstream),
    )


def _handoff_form(request: HttpRequest, workstream: Workstream, **kwargs: Any) -> HandoffForm:
    return HandoffForm(
        request.POST if request.method == "POST" else None,
        departments=workstream.departments.all(),
        people=role_selectors.people_of_rollout(rollout=workstream.rollout),
        **kwargs,
    )


def _handoff_input(data: dict[str, Any]) -> HandoffInput:
    return HandoffInput(
        from_department=data["from_department"],
        to_department=data["to_department"],
        what=data["what"],
        owner=data["owner"],
        state=data["state"],
    )


def _handoff_done(handoff: Any) -> str:
    return _("Hand-off “%(handoff)s” saved.") % {"handoff": handoff}


@require_http_methods(["GET", "POST"])
@login_required
def handoff_new(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    workstream = access_walls(signed_in(request), rollout, pk)
    return _form_page(
        request,
        rollout,
        workstream,
        heading=_("Add a hand-off to “%(workstream)s”") % {"workstream": workstream},
        form=_handoff_form(request, workstream),
        save=lambda data: wall_services.handoff_create(
            by=signed_in(request), workstream=workstream, data=_handoff_input(data)
        ),
        done=_handoff_done,
    )


@require_http_methods(["GET", "POST"])
@login_required
def handoff_edit(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    handoff = access_handoff(signed_in(request), rollout, pk)
    initial = {
        "from_department": handoff.from_department_id,
        "to_department": handoff.to_department_id,
        "what": handoff.what,
        "owner": handoff.owner_id,
        "state": handoff.state,
    }
    return _form_page(
        request,
        rollout,
        handoff.workstream,
        heading=_("Edit the hand-off “%(handoff)s”") % {"handoff": handoff},
        form=_handoff_form(request, handoff.workstream, initial=initial),
        save=lambda data: wall_services.handoff_update(
            by=signed_in(request), handoff=handoff, data=_handoff_input(data)
        ),
        done=_handoff_done,
    )


@require_POST
@login_required
def handoff_state(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    handoff = access_handoff(signed_in(request), rollout, pk)
    form = HandoffStateForm(request.POST)
    state = form.cleaned_data["state"] if form.is_valid() else ""
    done = _("The hand-off “%(what)s” is now: %(state)s.") % {
        "what": handoff.what,
        "state": dict(HandoffState.choices).get(state, ""),
    }
    return call_service(
        request,
        lambda: wall_services.handoff_state_set(
            by=signed_in(request), handoff=handoff, state=state
        ),
        done=done,
        then=redirect(_back(rollout, handoff.workstream)),
    )


def _old_way_form(request: HttpRequest, workstream: Workstream, **kwargs: Any) -> OldWayForm:
    return OldWayForm(
        request.POST if request.method == "POST" else None,
        people=role_selectors.people_of_rollout(rollout=workstream.rollout),
        **kwargs,
    )


def _old_way_input(data: dict[str, Any]) -> OldWayInput:
    return OldWayInput(
        kind=data["kind"],
        description=data["description"],
        owner=data["owner"],
        retire_by=data["retire_by"],
    )


def _old_way_done(old_way: Any) -> str:
    return _("Old way “%(old_way)s” saved.") % {"old_way": old_way}


@require_http_methods(["GET", "POST"])
@login_required
def old_way_new(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    workstream = access_walls(signed_in(request), rollout, pk)
    return _form_page(
        request,
        rollout,
        workstream,
        heading=_("Add an old way to retire on “%(workstream)s”") % {"workstream": workstream},
        form=_old_way_form(request, workstream),
        save=lambda data: wall_services.old_way_create(
            by=signed_in(request), workstream=workstream, data=_old_way_input(data)
        ),
        done=_old_way_done,
    )


@require_http_methods(["GET", "POST"])
@login_required
def old_way_edit(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    old_way = access_old_way(signed_in(request), rollout, pk, to="walls")
    initial = {
        "kind": old_way.kind,
        "description": old_way.description,
        "owner": old_way.owner_id,
        "retire_by": old_way.retire_by,
    }
    return _form_page(
        request,
        rollout,
        old_way.workstream,
        heading=_("Edit the old way “%(old_way)s”") % {"old_way": old_way},
        form=_old_way_form(request, old_way.workstream, initial=initial),
        save=lambda data: wall_services.old_way_update(
            by=signed_in(request), old_way=old_way, data=_old_way_input(data)
        ),
        done=_old_way_done,
    )


@require_POST
@login_required
def old_way_retire(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    old_way = access_old_way(signed_in(request), rollout, pk, to="retire")
    return call_service(
        request,
        lambda: wall_services.old_way_retire(by=signed_in(request), old_way=old_way),
        done=_("“%(old_way)s” is retired.") % {"old_way": old_way},
        then=redirect(_back(rollout, old_way.workstream)),
    )
