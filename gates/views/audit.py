"""The audit trail: every change to the rollout, its roles, commitments, tasks, gates and
calendar, and the decisions, conditions and recommendations, with who, when, before and
after; filtered by kind, person and dates. For the executive."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gates.history_forms import HistoryFilterForm
from gates.selectors.audit import audit_trail, people_in_history
from rollout.permissions import get_rollout_for_user

PER_PAGE = 50


@require_GET
@login_required
def history(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk, "rollout.decide_gate")
    people = people_in_history(rollout=rollout)
    form = HistoryFilterForm(request.GET, people=people)
    # A refused filter is shown with its message; the valid ones still apply.
    valid = form.is_valid()
    entries = audit_trail(rollout=rollout, people=people, filters=form.filters())
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "rollout": rollout,
        "page": page,
        "form": form,
        "time_zone": timezone.get_current_timezone_name(),
    }
    return render(request, "gates/history.html", context, status=200 if valid else 400)
