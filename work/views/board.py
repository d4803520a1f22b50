"""The department board: a manager's people's tasks, claims waiting for verification first."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.pagination import CountedPaginator
from roles import selectors as role_selectors
from rollout.permissions import get_rollout_for_user, permission_names
from rollout.policies import sees_every_department
from work import selectors as selectors
from work.forms import SendBackForm

# Claims come first, so the first page holds what waits for the manager. 25 rows: each
# carries two forms, and 50 took a third longer (33 against 25 ms on the seed_scale data).
PER_PAGE = 25


@require_GET
@login_required
def board(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    managed = role_selectors.managed_department_ids(user=request.user, rollout=rollout)
    departments = role_selectors.departments_of_rollout(rollout=rollout)  # read only if shown
    sees_all = sees_every_department(permission_names(request, rollout))
    if not managed and not sees_all:
        raise PermissionDenied
    shown = managed
    selected = ""
    if sees_all:
        # The executive picks one of the rollout's departments (anything else in the URL
        # shows them all); a manager always sees their own.
        wanted = request.GET.get("department", "")
        chosen = next((d for d in departments if str(d.pk) == wanted), None)
        shown = {chosen.pk} if chosen else {d.pk for d in departments}
        selected = str(chosen.pk) if chosen else ""
    board_tasks = selectors.department_board(rollout=rollout, department_ids=shown)
    total, claims = selectors.board_counts(rollout=rollout, department_ids=shown)
    page = CountedPaginator(board_tasks, PER_PAGE, count=total).get_page(request.GET.get("page"))
    tasks = list(page.object_list)
    context = {
        "rollout": rollout,
        "tasks": tasks,
        "page": page,
        "claims_count": claims,
        "managed": managed,
        "departments": departments if sees_all else None,
        "selected": selected,
        "send_back_form": SendBackForm(),
    }
    return render(request, "work/board.html", context)
