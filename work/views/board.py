"""The department board: a manager's people's tasks, claims waiting for verification first."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.views import posted_id
from roles import selectors as role_selectors
from roles.models import User
from rollout.permissions import get_rollout_for_user, permission_names
from rollout.policies import sees_every_department
from work.board_figures import board_figures, board_page
from work.bulk_forms import TICKED, BulkChangeForm
from work.forms import SendBackForm
from work.models import Task
from work.policies import plans_for_every_department
from work.task_filters import STATUS_ORDER
from work.views.filtering import filter_from_url

# Claims come first, so the first page holds what waits for the manager. 25 rows: each
# carries two forms, and 50 took a third longer (33 against 25 ms on the seed_scale data).
PER_PAGE = 25
# The Kanban shows every matching task up to this many (the slowest case still renders in
# about the time of a few table pages); beyond it, it asks for a narrower filter.
KANBAN_MOST = 200


@require_GET
@login_required
def board(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    managed = role_selectors.managed_department_ids(user=request.user, rollout=rollout)
    sees_all = sees_every_department(permission_names(request, rollout))
    if not managed and not sees_all:
        raise PermissionDenied
    # The executive sees (and may pick among) every department of the rollout; a manager
    # the ones they manage. A department outside those in the URL is ignored, not shown.
    departments = list(role_selectors.departments_of_rollout(rollout=rollout))
    choices = departments if sees_all else [d for d in departments if d.pk in managed]
    members = list(role_selectors.members_of_rollout(rollout=rollout))
    filter_form, filters = filter_from_url(request, rollout, departments=choices, members=members)
    shown = managed if not sees_all else {d.pk for d in departments}
    kanban = request.GET.get("view") == "kanban"
    figures = board_figures(
        rollout=rollout,
        department_ids=shown,
        filters=filters,
        kanban=kanban,
        page=request.GET.get("page"),
        per_page=PER_PAGE,
        kanban_most=KANBAN_MOST,
    )
    tasks = figures.tasks
    page = board_page(figures, PER_PAGE)
    may_plan = plans_for_every_department(permission_names(request, rollout)) or bool(managed)
    context = {
        "rollout": rollout,
        "tasks": tasks,
        "page": page,
        "claims_count": figures.claims,
        "total": figures.total,
        "managed": managed,
        "filter_form": filter_form,
        "filters": filters,
        "kanban": kanban,
        "columns": kanban_columns(tasks) if kanban else [],
        # Bulk changes are planning: the executive for every department, a manager for
        # their own (the service checks each task again).
        "bulk_form": bulk_form(request, members) if may_plan and not kanban else None,
        "ticked": ticked(request),
        "send_back_form": SendBackForm(),
    }
    return render(request, "work/board.html", context)


def bulk_form(request: HttpRequest, members: list[User]) -> BulkChangeForm:
    """Empty, or as it was filled when the change was refused (work.views.bulk puts what
    was typed in the URL): a refused form keeps what the person typed."""
    refused = "bulk-change" in request.GET
    return BulkChangeForm(request.GET if refused else None, members=members)


def ticked(request: HttpRequest) -> set[int]:
    """The tasks ticked when a bulk change was refused, ticked again."""
    ids = (posted_id(value) for value in request.GET.getlist(TICKED))
    return {pk for pk in ids if pk is not None}


def kanban_columns(tasks: list[Task]) -> list[tuple[str, str, list[Task]]]:
    """The page's tasks in one column per status, in the order a task goes through."""
    labels = dict(Task.Status.choices)
    return [
        (status, str(labels[status]), [t for t in tasks if t.status == status])
        for status in STATUS_ORDER
    ]
