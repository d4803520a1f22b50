"""The progress page: what is done against the goals, for the executive and everyone."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rollout.permissions import get_rollout_for_user
from work import progress
from work import selectors as work

LISTED = 20


@require_GET
@login_required
def progress_page(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    points = progress.burn_up(rollout)
    late = work.late_and_blocked(rollout, listed=LISTED)
    context = {
        "rollout": rollout,
        "objectives": list(progress.objectives_progress(rollout)),
        "workstreams": list(progress.workstreams_progress(rollout)),
        "departments": progress.departments_progress(rollout),
        # The first few of each, with the count: a big rollout has thousands.
        "late": late,
        "points": points,
        "chart": progress.burn_up_chart(points),
    }
    return render(request, "work/progress.html", context)
