"""Search a rollout: its tasks, people and vendors, grouped by kind, each a link."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gates.selectors.search import LONGEST_QUERY, search_rollout, search_text
from rollout.permissions import get_rollout_for_user, permission_names
from selection.policies import sees_selection


@require_GET
@login_required
def search(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    query = search_text(request.GET.get("q", ""))
    results = search_rollout(
        rollout=rollout,
        query=query,
        with_vendors=sees_selection(permission_names(request, rollout)),
    )
    context = {"rollout": rollout, "results": results, "longest": LONGEST_QUERY}
    return render(request, "gates/search.html", context)
