"""The board's bulk change: reassign or re-date the selected tasks, all or nothing."""

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
from work.bulk_forms import BulkChangeForm
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
    back = _board_as_shown(request, rollout.pk)
    ids = [posted_id(v) for v in request.POST.getlist("tasks")]
    if None in ids:
        messages.error(request, _("Some of the selected tasks are not tasks of this rollout."))
        return back
    task_ids = [i for i in ids if i is not None]
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return back
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
        return back
    messages.success(request, bulk_services.changed_message(count))
    return back


def _board_as_shown(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    """Back to the board as it was filtered: the form posts the board's query string, of
    which only the board's own parameters are kept, encoded again."""
    back = redirect("work:board", rollout_pk=rollout_pk)
    shown = QueryDict(request.POST.get("back", "").lstrip("?"), mutable=True)
    for name in list(shown):
        if name not in KEPT:
            del shown[name]
    if shown:
        back["Location"] += "?" + shown.urlencode()
    return back
