"""The Walls page: each cross-department workstream of a rollout with the hand-offs between
its departments and the old ways it retires, and the forms that add, edit, move or retire
them. Everyone in the rollout reads it; who may change what: work.wall_services."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.views import call_service, signed_in
from roles import selectors as role_selectors
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user, permission_names
from work import wall_services
from work.access import access_handoff, access_old_way, access_walls
from work.models import Workstream
from work.policies import takes_down_walls
from work.views.record_form import record_form_page, record_initial, record_input
from work.wall_forms import HandoffForm, HandoffStateForm, OldWayForm
from work.wall_selectors import cross_department_workstreams
from work.wall_services import HandoffInput, OldWayInput
from work.walls import HandoffState

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


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


@dataclass(frozen=True)
class _WallRecord:
    """A kind of record on a workstream's walls (a hand-off, an old way): how its form is
    built, which service adds and which edits it, and its messages, whose placeholder is
    `name`. The form's fields are named as the service's input's."""

    name: str
    input: type[Any]
    form: type[Any]
    # The form's choices among the rollout's departments: only a hand-off has them.
    with_departments: bool
    new_heading: "StrOrPromise"
    edit_heading: "StrOrPromise"
    done: "StrOrPromise"
    create: Callable[..., object]
    update: Callable[..., object]

    def form_for(self, request: HttpRequest, workstream: Workstream, record: Any = None) -> Any:
        choices: dict[str, Any] = {
            "people": role_selectors.people_of_rollout(rollout=workstream.rollout)
        }
        if self.with_departments:
            choices["departments"] = workstream.departments.all()
        return self.form(
            request.POST if request.method == "POST" else None,
            initial=record_initial(record, self.input) if record is not None else None,
            **choices,
        )

    def page(
        self,
        request: HttpRequest,
        rollout: Rollout,
        workstream: Workstream,
        record: Any = None,
    ) -> HttpResponse:
        """The form that adds a record to the workstream (no record) or edits the record,
        then back to the workstream's walls."""
        by = signed_in(request)
        if record is None:
            heading = self.new_heading % {"workstream": workstream}

            def save(data: dict[str, Any]) -> object:
                return self.create(
                    by=by, workstream=workstream, data=record_input(self.input, data)
                )
        else:
            heading = self.edit_heading % {self.name: record}

            def save(data: dict[str, Any]) -> object:
                return self.update(
                    by=by, **{self.name: record}, data=record_input(self.input, data)
                )

        return record_form_page(
            request,
            rollout,
            heading=heading,
            form=self.form_for(request, workstream, record),
            save=save,
            done=lambda saved: self.done % {self.name: saved},
            back=_back(rollout, workstream),
        )


HANDOFF = _WallRecord(
    name="handoff",
    input=HandoffInput,
    form=HandoffForm,
    with_departments=True,
    new_heading=gettext_lazy("Add a hand-off to “%(workstream)s”"),
    edit_heading=gettext_lazy("Edit the hand-off “%(handoff)s”"),
    done=gettext_lazy("Hand-off “%(handoff)s” saved."),
    create=wall_services.handoff_create,
    update=wall_services.handoff_update,
)
OLD_WAY = _WallRecord(
    name="old_way",
    input=OldWayInput,
    form=OldWayForm,
    with_departments=False,
    new_heading=gettext_lazy("Add an old way to retire on “%(workstream)s”"),
    edit_heading=gettext_lazy("Edit the old way “%(old_way)s”"),
    done=gettext_lazy("Old way “%(old_way)s” saved."),
    create=wall_services.old_way_create,
    update=wall_services.old_way_update,
)


@require_http_methods(["GET", "POST"])
@login_required
def handoff_new(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    return HANDOFF.page(request, rollout, access_walls(signed_in(request), rollout, pk))


@require_http_methods(["GET", "POST"])
@login_required
def handoff_edit(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    handoff = access_handoff(signed_in(request), rollout, pk)
    return HANDOFF.page(request, rollout, handoff.workstream, handoff)


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


@require_http_methods(["GET", "POST"])
@login_required
def old_way_new(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    return OLD_WAY.page(request, rollout, access_walls(signed_in(request), rollout, pk))


@require_http_methods(["GET", "POST"])
@login_required
def old_way_edit(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    old_way = access_old_way(signed_in(request), rollout, pk, to="walls")
    return OLD_WAY.page(request, rollout, old_way.workstream, old_way)


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
