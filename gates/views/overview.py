"""The rollout's overview page: its team (roles), the gates waiting and the decisions
(gates), a calendar that stops too soon (rollout), the walls still standing (work)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gates.selectors.gates import decisions_of_rollout, pending_gates
from gates.selectors.success_figures import success_figures
from gates.success_formula import success_panels
from roles import selectors as role_selectors
from rollout.permissions import get_rollout_for_user, permission_names
from rollout.selectors.calendar_gaps import calendar_gaps
from work.wall_selectors import walls_summary


@require_GET
@login_required
def rollout_detail(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    active = list(role_selectors.active_assignments_of_rollout(rollout=rollout))
    context = {
        "rollout": rollout,
        "team": role_selectors.team_by_role(active),
        "executive": role_selectors.executive_of(active),
        "my_roles": [a for a in active if a.person_id == request.user.pk],
        "can_change": "change_rollout" in permission_names(request, rollout),
        "pending": pending_gates(rollout_ids=[rollout.pk]),
        "decisions": decisions_of_rollout(rollout=rollout),
        "calendar_gap": calendar_gaps(rollout_ids=[rollout.pk]).get(rollout.pk),
        "panels": success_panels(success_figures(rollout=rollout)),
        "walls": walls_summary(rollout=rollout, today=timezone.localdate()),
    }
    return render(request, "gates/rollout_detail.html", context)
