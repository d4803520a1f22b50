"""The audit trail: every change to the rollout, its roles, commitments, tasks and gates,
with who, when, before and after. For the executive."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rollout.permissions import get_rollout_for_user
from rollout.selectors.audit import audit_trail

PER_PAGE = 50


@require_GET
@login_required
def history(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk, "rollout.decide_gate")
    page = Paginator(audit_trail(rollout=rollout), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "rollout/history.html", {"rollout": rollout, "page": page})
