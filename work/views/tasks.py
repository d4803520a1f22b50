"""A member's tasks and one task: log work (in one step with htmx), claim done, correct,
download evidence. Thin: access helper, form, service, then a partial or a redirect."""

from functools import partial
from typing import IO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.views import (
    Refused,
    call_service,
    download,
    form_errors,
    is_htmx,
    posted_id,
    signed_in,
    submit_form,
)
from discussion.selectors import thread_of
from roles import selectors as role_selectors
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user, object_in_rollout
from work import selectors as selectors
from work import services as services
from work.access import access_log, access_task
from work.discussion import task_target
from work.forms import CorrectionForm, SendBackForm, TaskLogForm
from work.models import Task
from work.my_tasks_figures import my_tasks_figures
from work.permissions import get_evidence_for_user, get_task_for_user
from work.policies import changes_planned_task
from work.views.filtering import filter_from_url


def _row(
    request: HttpRequest,
    rollout: Rollout,
    task: Task,
    *,
    status: int = 200,
    **extra: object,
) -> HttpResponse:
    """The task's row on "My tasks", re-read so totals and status are current."""
    fresh = selectors.member_task_row(user=request.user, rollout=rollout, pk=task.pk)
    context = {"rollout": rollout, "task": fresh, **extra}
    return render(request, "work/partials/my_task_row.html", context, status=status)


def _my_tasks_page(
    request: HttpRequest, rollout: Rollout, refused: Refused | None = None, status: int = 200
) -> HttpResponse:
    filter_form, filters = filter_from_url(
        request,
        rollout,
        departments=list(role_selectors.departments_of_rollout(rollout=rollout)),
        members=None,  # the person's own tasks: no assignee to choose
    )
    tasks = my_tasks_figures(user=request.user, rollout=rollout, filters=filters)
    context = {
        "rollout": rollout,
        "tasks": tasks,
        "refused": refused,
        "filter_form": filter_form,
        "filters": filters,
    }
    return render(request, "work/my_tasks.html", context, status=status)


@require_GET
@login_required
def my_tasks(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    return _my_tasks_page(request, get_rollout_for_user(request.user, rollout_pk))


def _task_page(
    request: HttpRequest,
    rollout: Rollout,
    task: Task,
    *,
    status: int = 200,
    log_form: TaskLogForm | None = None,
    send_back_form: SendBackForm | None = None,
    refused_correction: Refused | None = None,
) -> HttpResponse:
    """The task's page; a refused form is passed in bound, so it shows what was typed."""
    task = selectors.task_with_history(task=task)
    user = signed_in(request)
    is_assignee = any(a.pk == user.pk for a in task.assignees.all())
    context = {
        "rollout": rollout,
        "task": task,
        "is_assignee": is_assignee,
        "can_verify": services.may_verify(user, task),
        # A verified task is done: no edit or dependency is offered (work.policies).
        "can_plan": changes_planned_task(task.status)
        and services.may_plan_for(user, rollout, task.department_id),
        "candidates": selectors.dependency_candidates(task=task),
        "log_form": log_form or TaskLogForm(),
        "send_back_form": send_back_form or SendBackForm(),
        "refused_correction": refused_correction,
        "thread": thread_of(target=task_target(task, rollout, user), reader=user),
    }
    return render(request, "work/task_detail.html", context, status=status)


@require_GET
@login_required
def task_detail(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    return _task_page(request, rollout, get_task_for_user(request.user, rollout, pk))


def _back(
    request: HttpRequest, rollout: Rollout, task: Task, *, page: str = "work:my_tasks"
) -> HttpResponse:
    """Back to the task's page when the form was posted from it (next=detail), else to the
    rollout's `page` it came from: "My tasks" for a log or a claim, the board for a review."""
    if request.POST.get("next") == "detail":
        return redirect("work:task_detail", rollout_pk=rollout.pk, pk=task.pk)
    return redirect(page, rollout_pk=rollout.pk)


@require_POST
@login_required
def task_log(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    task = access_task(signed_in(request), rollout, pk, to="log")
    return submit_form(
        request,
        TaskLogForm(request.POST, request.FILES),
        lambda data: services.task_log_create(by=signed_in(request), task=task, **data),
        done=lambda log: (
            _("Logged %(hours)s h on %(day)s, progress %(progress)s %%.")
            % {"hours": log.hours, "day": log.work_date, "progress": log.progress}
        ),
        then=_back(request, rollout, task),
        partial=lambda done: _row(request, rollout, task, done=done),
        refused=lambda form: _log_refused(request, rollout, task, form),
    )


def _log_refused(
    request: HttpRequest, rollout: Rollout, task: Task, form: TaskLogForm
) -> HttpResponse:
    """The form comes back open with what was typed (files excepted: a browser never lets a
    page choose files for the person, so the message asks for them again)."""
    error = form_errors(form)
    if request.FILES:
        error = f"{error} {_('Choose the evidence files again.')}"
    refused = Refused(task.pk, request.POST, error)
    if is_htmx(request):
        return _row(request, rollout, task, refused=refused, status=422)
    if request.POST.get("next") == "detail":
        return _task_page(request, rollout, task, log_form=form, status=400)
    return _my_tasks_page(request, rollout, refused=refused, status=400)


def _claim_confirmation(request: HttpRequest, rollout: Rollout, task: Task) -> HttpResponse:
    """Asked before anything is claimed: what a claim does, and the button that does it."""
    if is_htmx(request):
        return _row(request, rollout, task, confirm_claim=True)
    context = {"rollout": rollout, "task": task, "next": request.POST.get("next", "")}
    return render(request, "work/task_claim_confirm.html", context)


@require_POST
@login_required
def task_claim(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    task = access_task(signed_in(request), rollout, pk, to="log")
    # A claim sets the progress to 100 % and stops logging until the manager answers: only
    # a post that says the person read this (the confirmation's button) claims.
    if request.POST.get("confirm") != "yes":
        return _claim_confirmation(request, rollout, task)
    return call_service(
        request,
        lambda: services.task_claim_done(by=signed_in(request), task=task),
        done=_("Claimed done. Your manager will verify it."),
        then=_back(request, rollout, task),
        partial=partial(_row, request, rollout, task),
    )


@require_POST
@login_required
def task_verify(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    task = access_task(signed_in(request), rollout, pk, to="verify")
    return call_service(
        request,
        lambda: services.task_verify(by=signed_in(request), task=task),
        done=_("“%(task)s” is verified done.") % {"task": task},
        then=_after_review(request, rollout, task),
    )


@require_POST
@login_required
def task_send_back(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    task = access_task(signed_in(request), rollout, pk, to="verify")
    return submit_form(
        request,
        SendBackForm(request.POST),
        lambda data: services.task_send_back(
            by=signed_in(request), task=task, reason=data["reason"]
        ),
        done=_("“%(task)s” is sent back to its assignees with your reason.") % {"task": task},
        then=_after_review(request, rollout, task),
        refused=lambda form: _send_back_refused(request, rollout, task, form),
    )


def _send_back_refused(
    request: HttpRequest, rollout: Rollout, task: Task, form: SendBackForm
) -> HttpResponse:
    task.refresh_from_db(fields=["status"])
    if task.status != Task.Status.CLAIMED:
        # Answered meanwhile (verified, or sent back by someone else): no form to reopen.
        messages.error(request, form_errors(form))
        return _after_review(request, rollout, task)
    # Refused, from the board or the task's page: the task's page, where the send-back form
    # is always open, with the reason typed (the board's page may not hold the task).
    return _task_page(request, rollout, task, send_back_form=form, status=400)


def _after_review(request: HttpRequest, rollout: Rollout, task: Task) -> HttpResponse:
    board = _back(request, rollout, task, page="work:board")
    if request.POST.get("next") == "kanban":  # moved on the board's Kanban view
        board["Location"] += "?view=kanban"
    return board


@require_POST
@login_required
def task_depend(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    """Make the task wait for another task of the same rollout."""
    rollout = get_rollout_for_user(request.user, rollout_pk)
    task = access_task(signed_in(request), rollout, pk, to="plan")
    # The one id parser: "²" passes str.isdigit() yet int() refuses it (a server error).
    blocker_pk = posted_id(request.POST.get("blocker", ""))
    if blocker_pk is None:
        messages.error(request, _("Choose the task it waits for."))
        return redirect("work:task_detail", rollout_pk=rollout.pk, pk=task.pk)
    blocker = get_task_for_user(request.user, rollout, blocker_pk)
    return call_service(
        request,
        lambda: services.task_dependency_add(by=signed_in(request), task=task, blocker=blocker),
        done=_("“%(task)s” now waits for “%(blocker)s”.") % {"task": task, "blocker": blocker},
        then=redirect("work:task_detail", rollout_pk=rollout.pk, pk=task.pk),
    )


@require_POST
@login_required
def log_correct(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, log = object_in_rollout(request.user, rollout_pk, access_log, pk, to="correct")
    return submit_form(
        request,
        CorrectionForm(request.POST),
        lambda data: services.task_log_correct(by=signed_in(request), log=log, **data),
        done=_("Correction recorded; the original entry is kept."),
        then=redirect("work:task_detail", rollout_pk=rollout.pk, pk=log.task_id),
        refused=lambda form: _task_page(
            request,
            rollout,
            get_task_for_user(request.user, rollout, log.task_id),
            refused_correction=Refused(log.pk, request.POST, form_errors(form)),
            status=400,
        ),
    )


@require_GET
@login_required
def evidence_download(request: HttpRequest, rollout_pk: int, pk: int) -> FileResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    evidence = get_evidence_for_user(request.user, rollout, pk)
    opened: IO[bytes] = evidence.file.open("rb")  # FileResponse closes it when sent
    return download(opened, evidence.original_name, evidence.content_type)
