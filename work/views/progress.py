"""The progress page: what is done against the goals, for the executive and everyone."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rollout.permissions import get_rollout_for_user
from work.progress_figures import progress_figures

LISTED = 20


@require_GET
@login_required
def progress_page(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    figures = progress_figures(rollout=rollout, listed=LISTED)
    context = {
        "rollout": rollout,
        "objectives": figures.objectives,
        "workstreams": figures.workstreams,
        "departments": figures.departments,
        # The first few of each, with the count: a big rollout has thousands.
        "late": figures.late,
        "points": figures.points,
        "chart": figures.chart,
    }
    return render(request, "work/progress.html", context)
