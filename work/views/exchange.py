"""Spreadsheets in and out: a rollout's tasks and logs as xlsx or CSV for everyone in it, and
the planners' import of tasks from a filled-in template. Thin: access helper, then the
builders in work.export_rows and work.imports."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from core.exports import XLSX, Table
from core.views import download, signed_in, table_download
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user
from work import export_rows, imports
from work.forms import TaskImportForm
from work.services import WorkError

PLAN_WORK = "rollout.plan_work"


def _export(
    request: HttpRequest,
    rollout_pk: int,
    fmt: str,
    what: str,
    rows: Callable[..., Table],
    sheet_title: str,
) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    return table_download(
        lambda: rows(rollout=rollout),
        fmt=fmt,
        sheet_title=sheet_title,
        stem=f"rollout-{rollout.pk}-{what}",
    )


@require_GET
@login_required
def tasks_export(request: HttpRequest, rollout_pk: int, fmt: str) -> HttpResponse:
    return _export(request, rollout_pk, fmt, "tasks", export_rows.task_rows, _("Tasks"))


@require_GET
@login_required
def logs_export(request: HttpRequest, rollout_pk: int, fmt: str) -> HttpResponse:
    return _export(request, rollout_pk, fmt, "logs", export_rows.log_rows, _("Logs"))


@require_GET
@login_required
def import_template(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk, PLAN_WORK)
    return download(
        imports.template_xlsx(rollout=rollout), f"rollout-{rollout.pk}-tasks-template.xlsx", XLSX
    )


def _import_page(
    request: HttpRequest,
    rollout: Rollout,
    form: TaskImportForm,
    report: imports.ImportReport | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {"rollout": rollout, "form": form, "report": report}
    return render(request, "work/import.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def tasks_import_page(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk, PLAN_WORK)
    if request.method != "POST":
        return _import_page(request, rollout, TaskImportForm())
    form = TaskImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, rollout, form, status=400)
    try:
        report = imports.tasks_import(
            by=signed_in(request), rollout=rollout, upload=form.cleaned_data["file"]
        )
    except WorkError as error:
        form.add_error("file", str(error))
        return _import_page(request, rollout, form, status=400)
    if not report.ok:
        return _import_page(request, rollout, TaskImportForm(), report, status=400)
    messages.success(
        request,
        ngettext("%(count)s task created.", "%(count)s tasks created.", report.created)
        % {"count": report.created},
    )
    # Redirect after success, so reloading the page cannot import the file twice.
    return redirect("work:plan", rollout_pk=rollout.pk)
