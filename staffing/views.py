"""Staffing pages: the plan of requests and commitments, the manager's answer, the
person's confirmation, later changes, fulfilment, the capacity heatmap and the managers'
stance. Thin: access helper, form, service, then a redirect with a message."""

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.views import Refused, call_service, form_errors, signed_in, submit_form, table_download
from discussion.selectors import thread_of
from roles import selectors
from roles.models import Department
from rollout.calendar import week_start
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user, object_in_rollout, permission_names
from rollout.policies import sees_every_department
from staffing import counter_offers, services
from staffing import selectors as staffing_selectors
from staffing.access import access_commitment, access_own_stance, access_request
from staffing.discussion import request_target
from staffing.forms import (
    CommitmentChangeForm,
    PullBackForm,
    ReasonForm,
    StaffingAnswerForm,
    StaffingRequestForm,
    StanceForm,
)
from staffing.heatmap_figures import heatmap_figures, heatmap_page
from staffing.models import Commitment, StaffingRequest
from work.review_selectors import latest_reviews_of

WEEKS_SHOWN = 8
# A department of 250 people is 2,000 cells: a page of 50 people keeps the page quick.
HEATMAP_PEOPLE_PER_PAGE = 50


def _weeks_around_today() -> tuple[Any, Any]:
    this_week = week_start(timezone.localdate())
    return this_week - timedelta(weeks=WEEKS_SHOWN - 2), this_week + timedelta(weeks=1)


def _plan_page(
    request: HttpRequest,
    rollout: Rollout,
    form: StaffingRequestForm | None = None,
    status: int = 200,
    refused_conflict: Refused | None = None,
) -> HttpResponse:
    user = signed_in(request)
    may_request = "request_staff" in permission_names(request, rollout)
    departments = selectors.departments_of_rollout(rollout=rollout)
    context = {
        "rollout": rollout,
        "requests": list(staffing_selectors.requests_of_rollout(rollout=rollout)),
        "mine": list(staffing_selectors.commitments_of_person(person=user, rollout=rollout)),
        "managed": selectors.managed_department_ids(user=user, rollout=rollout),
        "form": (form or StaffingRequestForm(departments=departments)) if may_request else None,
        "refused_conflict": refused_conflict,
    }
    return render(request, "staffing/staffing.html", context, status=status)


@require_GET
@login_required
def staffing(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    return _plan_page(request, get_rollout_for_user(request.user, rollout_pk))


@require_POST
@login_required
def staffing_request_new(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk, "rollout.request_staff")
    departments = selectors.departments_of_rollout(rollout=rollout)
    return submit_form(
        request,
        StaffingRequestForm(request.POST, departments=departments),
        lambda data: services.staffing_request_create(
            by=signed_in(request), rollout=rollout, **data
        ),
        done=lambda created: (
            _("Request sent to %(department)s; its manager is reminded until it is answered.")
            % {"department": created.department}
        ),
        then=redirect("staffing:staffing", rollout_pk=rollout.pk),
        refused=lambda form: _plan_page(request, rollout, form=form, status=400),
    )


def _request_page(
    request: HttpRequest,
    rollout: Rollout,
    staffing_request: StaffingRequest,
    form: StaffingAnswerForm | None = None,
    status: int = 200,
    refused_change: Refused | None = None,
    refused_pull_back: Refused | None = None,
    refuse_form: ReasonForm | None = None,
) -> HttpResponse:
    user = signed_in(request)
    may_answer = services.may_answer(user, staffing_request)
    commitments = list(staffing_selectors.commitments_of_request(request=staffing_request))
    waiting = staffing_request.status == StaffingRequest.Status.WAITING
    if may_answer and waiting:
        form = form or StaffingAnswerForm(
            people=list(staffing_selectors.people_for_request(request=staffing_request))
        )
        # Each person's free hours a week beside their row: the manager sees who has room
        # before answering, not only from the refusal.
        free = staffing_selectors.free_hours_per_week(
            people=form.people, start=staffing_request.start_date, end=staffing_request.end_date
        )
        # And their latest four-qualities reviews: the qualities are what the article
        # picks implementers by.
        reviews = latest_reviews_of(people=form.people)
        answer_rows = [(*row, free[row[0].pk], reviews.get(row[0].pk, [])) for row in form.rows()]
    else:
        form, answer_rows = None, []
    answers = list(staffing_request.answers.select_related("answered_by", "reply__by"))
    # The counter-offer waiting for the executive: its accept and refuse forms, for them.
    offer = answers[-1] if answers else None
    waits_for_reply = (
        offer is not None
        and staffing_request.status == StaffingRequest.Status.PARTIAL
        and offer.kind == offer.Kind.COUNTER
        and not hasattr(offer, "reply")
        and counter_offers.may_reply(user, staffing_request)
    )
    history = list(staffing_selectors.commitment_history(request=staffing_request))
    target = request_target(staffing_request, rollout, user, answers, history)
    context = {
        "rollout": rollout,
        "staffing_request": staffing_request,
        "answers": answers,
        "commitments": commitments,
        "history": history,
        "thread": thread_of(target=target, reader=user),
        "may_answer": may_answer,
        "form": form,
        "answer_rows": answer_rows,
        "refused_change": refused_change,
        "refused_pull_back": refused_pull_back,
        "offer": offer if waits_for_reply else None,
        "refuse_form": refuse_form or ReasonForm(),
    }
    return render(request, "staffing/staffing_request.html", context, status=status)


@require_POST
@login_required
def counter_offer_accept(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, staffing_request = object_in_rollout(
        request.user, rollout_pk, access_request, pk, to="executive"
    )
    return call_service(
        request,
        lambda: counter_offers.counter_offer_accept(
            by=signed_in(request), request=staffing_request
        ),
        done=_("Counter-offer accepted: the request now asks for what was offered."),
        then=redirect("staffing:staffing_request", rollout_pk=rollout.pk, pk=staffing_request.pk),
    )


@require_POST
@login_required
def counter_offer_refuse(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, staffing_request = object_in_rollout(
        request.user, rollout_pk, access_request, pk, to="executive"
    )
    return submit_form(
        request,
        ReasonForm(request.POST),
        lambda data: counter_offers.counter_offer_refuse(
            by=signed_in(request), request=staffing_request, reason=data["reason"]
        ),
        done=_("Counter-offer refused; the manager has been told why and answers again."),
        then=redirect("staffing:staffing_request", rollout_pk=rollout.pk, pk=staffing_request.pk),
        refused=lambda form: _request_page(
            request, rollout, staffing_request, status=400, refuse_form=form
        ),
    )


@require_GET
@login_required
def staffing_request_detail(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, staffing_request = object_in_rollout(request.user, rollout_pk, access_request, pk)
    return _request_page(request, rollout, staffing_request)


@require_POST
@login_required
def staffing_answer(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, staffing_request = object_in_rollout(
        request.user, rollout_pk, access_request, pk, to="answer"
    )
    form = StaffingAnswerForm(
        request.POST, people=list(staffing_selectors.people_for_request(request=staffing_request))
    )
    return submit_form(
        request,
        form,
        lambda data: services.staffing_answer(
            by=signed_in(request),
            request=staffing_request,
            people=form.commitments(),
            reason=data["reason"],
        ),
        done=lambda answer: (
            _("Answer recorded: %(answer)s, %(hours)s h/week. Each person is asked to confirm.")
            % {"answer": answer.get_kind_display(), "hours": answer.hours_per_week}
        ),
        then=redirect("staffing:staffing_request", rollout_pk=rollout.pk, pk=staffing_request.pk),
        refused=lambda form: _request_page(
            request, rollout, staffing_request, form=form, status=400
        ),
    )


@require_POST
@login_required
def commitment_confirm(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, commitment = object_in_rollout(request.user, rollout_pk, access_commitment, pk)
    # Only the committed person: the service refuses anyone else (403).
    return call_service(
        request,
        lambda: services.commitment_confirm(by=signed_in(request), commitment=commitment),
        done=_("Confirmed. Thank you: your manager and the executive see it."),
        then=redirect("staffing:staffing", rollout_pk=rollout.pk),
    )


@require_POST
@login_required
def commitment_conflict(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, commitment = object_in_rollout(
        request.user, rollout_pk, access_commitment, pk, to="own"
    )
    return submit_form(
        request,
        ReasonForm(request.POST),
        lambda data: services.commitment_conflict(
            by=signed_in(request), commitment=commitment, reason=data["reason"]
        ),
        done=_("Conflict raised; your manager has been told why."),
        then=redirect("staffing:staffing", rollout_pk=rollout.pk),
        refused=lambda form: _plan_page(
            request, rollout, status=400, refused_conflict=_conflict_refused(commitment, form)
        ),
    )


def _conflict_refused(commitment: Commitment, form: ReasonForm) -> Refused:
    why = (
        _("Say what the conflict is, so your manager can act on it.")
        if "reason" in form.errors and not form.data.get("reason", "").strip()
        else form_errors(form)
    )
    return Refused(commitment.pk, form.data, why)


def _on_request_page(
    request: HttpRequest, rollout: Rollout, commitment: Commitment, *, pull_back: bool = False
) -> dict[str, Any]:
    """Where the manager's change (or pull-back) of a commitment leads (submit_form's `then`
    and `refused`): back to the request's page, or that page again (400) with the form open,
    what was typed and why it was refused (the over-commitment refusal, say)."""

    def refused(form: BaseForm) -> HttpResponse:
        staffing_request = access_request(signed_in(request), rollout, commitment.request_id)
        typed = Refused(commitment.pk, request.POST, form_errors(form))
        return _request_page(
            request,
            rollout,
            staffing_request,
            status=400,
            refused_change=None if pull_back else typed,
            refused_pull_back=typed if pull_back else None,
        )

    then = redirect("staffing:staffing_request", rollout_pk=rollout.pk, pk=commitment.request_id)
    return {"then": then, "refused": refused}


@require_POST
@login_required
def commitment_change(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, commitment = object_in_rollout(
        request.user, rollout_pk, access_commitment, pk, to="manage"
    )
    return submit_form(
        request,
        CommitmentChangeForm(request.POST),
        lambda data: services.commitment_change(
            by=signed_in(request), commitment=commitment, **data
        ),
        done=_("Hours changed; the earlier weeks stay as promised."),
        **_on_request_page(request, rollout, commitment),
    )


@require_POST
@login_required
def commitment_pull_back(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, commitment = object_in_rollout(
        request.user, rollout_pk, access_commitment, pk, to="manage"
    )
    return submit_form(
        request,
        PullBackForm(request.POST),
        lambda data: services.commitment_pull_back(
            by=signed_in(request), commitment=commitment, **data
        ),
        done=_("%(person)s is pulled back; the history keeps why.") % {"person": commitment.person},
        **_on_request_page(request, rollout, commitment, pull_back=True),
    )


@require_GET
@login_required
def fulfilment(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    first, last = _weeks_around_today()
    table = staffing_selectors.fulfilment(rollout=rollout, first=first, last=last)
    return render(request, "staffing/fulfilment.html", {"rollout": rollout, "table": table})


@require_GET
@login_required
def capacity_heatmap(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    user = signed_in(request)
    managed = selectors.managed_department_ids(user=user, rollout=rollout)
    sees_all = sees_every_department(permission_names(request, rollout))
    if not managed and not sees_all:
        raise PermissionDenied
    departments = list(selectors.departments_of_rollout(rollout=rollout))
    allowed = departments if sees_all else [d for d in departments if d.pk in managed]
    wanted = request.GET.get("department", "")
    department: Department | None = next(
        (d for d in allowed if str(d.pk) == wanted), allowed[0] if allowed else None
    )
    weeks: list[date] = []
    rows: list[staffing_selectors.HeatRow] = []
    page = None
    if department is not None:
        figures = heatmap_figures(
            department=department,
            today=timezone.localdate(),
            weeks=WEEKS_SHOWN,
            page=request.GET.get("page"),
            per_page=HEATMAP_PEOPLE_PER_PAGE,
        )
        weeks, rows = figures.weeks, figures.rows
        page = heatmap_page(figures, HEATMAP_PEOPLE_PER_PAGE)
    context = {
        "rollout": rollout,
        "departments": allowed,
        "department": department,
        "weeks": weeks,
        "rows": rows,
        "page": page,
    }
    return render(request, "staffing/capacity_heatmap.html", context)


def _stance_page(
    request: HttpRequest, rollout: Rollout, form: StanceForm | None = None, status: int = 200
) -> HttpResponse:
    managers = [
        (a.person, a.department)
        for a in selectors.active_assignments_of_rollout(rollout=rollout)
        if a.role == "manager" and a.department is not None
    ]
    first, last = _weeks_around_today()
    fulfilled = staffing_selectors.fulfilment(
        rollout=rollout, first=first, last=last, per_person=False
    )
    manager_people = staffing_selectors.stance_managers(ids=[m.pk for m, _d in managers])
    context = {
        "rollout": rollout,
        "signals": staffing_selectors.manager_signals(
            rollout=rollout, managers=managers, fulfilled=fulfilled
        ),
        "form": form or StanceForm(managers=manager_people),
    }
    return render(request, "staffing/stance.html", context, status=status)


@require_GET
@login_required
def stance(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    # Only the executive judges the managers, so only the executive reads the judgements.
    return _stance_page(
        request, get_rollout_for_user(request.user, rollout_pk, "rollout.decide_gate")
    )


@require_GET
@login_required
def stance_mine(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    """A middle manager's own signals, the figures the executive's assessment of their
    stance rests on, and the latest assessment of them with its reason: never another
    manager's. 403 for anyone who manages no department on the rollout."""
    user = signed_in(request)
    rollout = access_own_stance(user, get_rollout_for_user(user, rollout_pk))
    departments = staffing_selectors.departments_of_manager(manager=user, rollout=rollout)
    first, last = _weeks_around_today()
    fulfilled = staffing_selectors.fulfilment(
        rollout=rollout, first=first, last=last, per_person=False
    )
    context = {
        "rollout": rollout,
        "signals": staffing_selectors.manager_signals(
            rollout=rollout, managers=[(user, d) for d in departments], fulfilled=fulfilled
        ),
    }
    return render(request, "staffing/stance_mine.html", context)


@require_POST
@login_required
def stance_assess(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk, "rollout.decide_gate")
    managers = staffing_selectors.stance_managers(
        ids=[
            a.person_id
            for a in selectors.active_assignments_of_rollout(rollout=rollout)
            if a.role == "manager"
        ]
    )
    return submit_form(
        request,
        StanceForm(request.POST, managers=managers),
        lambda data: services.stance_assess(by=signed_in(request), rollout=rollout, **data),
        done=_("Assessment recorded; the earlier ones stay in the history."),
        then=redirect("staffing:stance", rollout_pk=rollout.pk),
        refused=lambda form: _stance_page(request, rollout, form=form, status=400),
    )


@require_GET
@login_required
def staffing_export(request: HttpRequest, rollout_pk: int, fmt: str) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    return table_download(
        lambda: staffing_selectors.staffing_plan_rows(rollout=rollout),
        fmt=fmt,
        sheet_title=_("Staffing plan"),
        stem=f"rollout-{rollout.pk}-staffing",
    )
