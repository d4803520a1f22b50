"""Many days at once on the working calendar's page: load mainland China's holidays from
the `chinese-calendar` package, import an .ics holiday calendar (the page again with what
was imported and what was left out, and why), and export the calendar as .ics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.errors import AppError
from core.views import download, not_allowed_as_403, signed_in
from rollout.calendar_forms import IcsImportForm
from rollout.ics import MAX_BYTES
from rollout.permissions import get_rollout_for_user
from rollout.selectors.calendar import calendar_ics, calendar_of_rollout
from rollout.services.calendar_sources import calendar_ics_import, chinese_holidays_load
from rollout.views.calendar import _editable, calendar_page


@require_POST
@login_required
def calendar_load_chinese(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout, calendar = _editable(request, rollout_pk)
    try:
        with not_allowed_as_403():
            report = chinese_holidays_load(by=signed_in(request), calendar=calendar)
    except AppError as refused:
        messages.error(request, str(refused))
    else:
        until = f"{report.known_until:%Y-%m-%d}" if report.known_until else "—"
        told = _(
            "Holidays of %(first)s to %(last)s loaded from chinese-calendar: %(added)s days "
            "added, %(changed)s changed. The calendar knows them until %(until)s."
        )
        values = {"first": report.first_year, "last": report.last_year, "until": until}
        messages.success(
            request, told % {**values, "added": report.added, "changed": report.changed}
        )
    return redirect("rollout:working_calendar", rollout_pk=rollout.pk)


@require_POST
@login_required
def calendar_import(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout, calendar = _editable(request, rollout_pk)
    form = IcsImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return calendar_page(request, rollout, calendar, status=400, import_form=form)
    content = form.cleaned_data["file"].read(MAX_BYTES + 1)
    try:
        with not_allowed_as_403():
            report = calendar_ics_import(by=signed_in(request), calendar=calendar, content=content)
    except AppError as refused:
        form.add_error("file", _("Nothing was imported: %(reason)s") % {"reason": refused})
        return calendar_page(request, rollout, calendar, status=400, import_form=form)
    # The page itself, not a redirect: the report of what was left out is too long for a
    # message, and importing the same file again adds nothing.
    return calendar_page(request, rollout, calendar, import_report=report)


@require_GET
@login_required
def calendar_export(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    calendar = calendar_of_rollout(rollout=rollout)
    if calendar is None:
        raise Http404
    name = slugify(calendar.name) or f"calendar-{calendar.pk}"
    return download(calendar_ics(calendar=calendar), f"{name}.ics", "text/calendar")
