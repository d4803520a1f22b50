"""The board's bulk change: reassign or re-date the selected tasks, all or nothing. A refused
change goes back to the board with the same tasks ticked and the values typed (in the
board's URL, read by the board: a refresh or a shared link shows the same)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import AppError
from core.views import form_errors, posted_id, signed_in
from roles import selectors as role_selectors
from rollout.permissions import get_rollout_for_user
from work import bulk_services
from work.bulk_forms import TICKED, BulkChangeForm
from work.task_filters import FILTER_PARAMS

# What of the board's query string the redirect keeps: its filters, page and view.
KEPT = {*FILTER_PARAMS, "page", "view"}


@require_POST
@login_required
def tasks_bulk(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk, "rollout.plan_work")
    form = BulkChangeForm(
        request.POST, members=list(role_selectors.members_of_rollout(rollout=rollout))
    )
    ids = [posted_id(v) for v in request.POST.getlist("tasks")]
    task_ids = [i for i in ids if i is not None]
    refused = _board_as_shown(request, rollout.pk, ticked=task_ids)
    if None in ids:
        messages.error(request, _("Some of the selected tasks are not tasks of this rollout."))
        return refused
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return refused
    data = form.cleaned_data
    try:
        if data["change"] == BulkChangeForm.REASSIGN:
            count = bulk_services.tasks_reassign(
                by=signed_in(request), rollout=rollout, task_ids=task_ids, assignee=data["assignee"]
            )
        else:
            count = bulk_services.tasks_redate(
                by=signed_in(request), rollout=rollout, task_ids=task_ids, due_date=data["due_date"]
            )
    except AppError as refusal:
        messages.error(request, str(refusal))
        return refused
    messages.success(request, bulk_services.changed_message(count))
    return _board_as_shown(request, rollout.pk)


def _board_as_shown(
    request: HttpRequest, rollout_pk: int, *, ticked: list[int] | None = None
) -> HttpResponse:
    """Back to the board as it was filtered: the form posts the board's query string, of
    which only the board's own parameters are kept, encoded again. `ticked`: the change
    was refused, so the board shows these tasks ticked and the form as it was filled."""
    back = redirect("work:board", rollout_pk=rollout_pk)
    shown = QueryDict(request.POST.get("back", "").lstrip("?"), mutable=True)
    for name in list(shown):
        if name not in KEPT:
            del shown[name]
    if ticked is not None:
        shown.setlist(TICKED, [str(pk) for pk in ticked])
        for name in BulkChangeForm.TYPED:
            if request.POST.get(name):
                shown[name] = request.POST[name]
    if shown:
        back["Location"] += "?" + shown.urlencode()
    return back
