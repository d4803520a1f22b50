"""The rollout's timeline: phases, gates, tasks and their "waits for" links with the
critical path, as a server-side SVG with the same data in a table. Everyone in the
rollout reads it, as they read the progress page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gates.selectors.timeline import rollout_timeline
from gates.timeline_chart import timeline_chart
from rollout.permissions import get_rollout_for_user


@require_GET
@login_required
def timeline(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    plan = rollout_timeline(rollout=rollout)
    context = {"rollout": rollout, "timeline": plan, "chart": timeline_chart(plan)}
    return render(request, "gates/timeline.html", context)
