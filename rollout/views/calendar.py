"""The rollout's working calendar: its public holidays and make-up working days, up to
when it is complete, and who changed what. Everyone in the rollout reads it; who may
change it is one policy (rollout.permissions.may_edit_calendar)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.views import call_service, signed_in, submit_form
from rollout.calendar_forms import HOLIDAY, MAKE_UP, CalendarDayForm, IcsImportForm, KnownUntilForm
from rollout.holidays_source import source_years
from rollout.models import CalendarDay, Rollout, WorkingCalendar
from rollout.permissions import (
    get_calendar_day_for_user,
    get_calendar_for_user,
    get_rollout_for_user,
    may_edit_calendar,
)
from rollout.selectors.calendar import (
    calendar_changes,
    calendar_of_rollout,
    calendar_years,
    rollouts_sharing,
)
from rollout.selectors.calendar_gaps import calendar_gaps
from rollout.services import calendar as services


def calendar_page(
    request: HttpRequest,
    rollout: Rollout,
    calendar: WorkingCalendar | None,
    day_form: CalendarDayForm | None = None,
    known_form: KnownUntilForm | None = None,
    status: int = 200,
    **more: object,
) -> HttpResponse:
    """The calendar's page; `more` is what an import adds (its form refused, its report)."""
    may_edit = calendar is not None and may_edit_calendar(request.user, calendar)
    context: dict[str, object] = {
        "rollout": rollout,
        "calendar": calendar,
        "gap": calendar_gaps(rollout_ids=[rollout.pk]).get(rollout.pk),
        "may_edit": may_edit,
        "this_year": timezone.localdate().year,  # earlier years are shown folded
        "day_form": (day_form or CalendarDayForm()) if may_edit else None,
        "known_form": (
            known_form or KnownUntilForm(initial={"known_until": calendar.known_until})
            if may_edit and calendar
            else None
        ),
        "import_form": IcsImportForm() if may_edit else None,
        "source_years": source_years(),
        **more,
    }
    if calendar is not None:
        context |= {
            "years": calendar_years(calendar=calendar),
            "changes": calendar_changes(calendar=calendar),
            "others": rollouts_sharing(calendar=calendar) - 1,
        }
    return render(request, "rollout/working_calendar.html", context, status=status)


def _editable(request: HttpRequest, rollout_pk: int) -> tuple[Rollout, WorkingCalendar]:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    return rollout, get_calendar_for_user(request.user, rollout, to="edit")


@require_GET
@login_required
def working_calendar(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    return calendar_page(request, rollout, calendar_of_rollout(rollout=rollout))


def _day_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The day form's answers as the add and change services take them."""
    return {
        "day": data["date"],
        "is_working": data["is_working"],
        "name_en": data["name_en"],
        "name_zh_hans": data["name_zh_hans"],
    }


@require_POST
@login_required
def calendar_day_new(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout, calendar = _editable(request, rollout_pk)
    return submit_form(
        request,
        CalendarDayForm(request.POST),
        lambda data: services.calendar_day_add(
            by=signed_in(request), calendar=calendar, **_day_fields(data)
        ),
        done=lambda entry: (
            _("%(name)s on %(day)s added: every figure of the rollout counts it now.")
            % {"name": entry.name, "day": f"{entry.date:%Y-%m-%d}"}
        ),
        then=redirect("rollout:working_calendar", rollout_pk=rollout.pk),
        refused=lambda form: calendar_page(request, rollout, calendar, day_form=form, status=400),
    )


@require_POST
@login_required
def calendar_day_remove(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, calendar = _editable(request, rollout_pk)
    entry = get_calendar_day_for_user(request.user, calendar, pk)
    return call_service(
        request,
        lambda: services.calendar_day_remove(by=signed_in(request), entry=entry),
        done=_("%(name)s on %(day)s removed: it is an ordinary day again.")
        % {"name": entry.name, "day": f"{entry.date:%Y-%m-%d}"},
        then=redirect("rollout:working_calendar", rollout_pk=rollout.pk),
    )


@require_POST
@login_required
def calendar_known_until(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout, calendar = _editable(request, rollout_pk)
    form = KnownUntilForm(request.POST)
    return submit_form(
        request,
        form,
        lambda data: services.calendar_known_until_set(
            by=signed_in(request), calendar=calendar, known_until=data["known_until"]
        ),
        done=lambda _saved: (
            _("Saved: the calendar's holidays are known until %(day)s.")
            % {"day": f"{form.cleaned_data['known_until']:%Y-%m-%d}"}
        ),
        then=redirect("rollout:working_calendar", rollout_pk=rollout.pk),
        refused=lambda form: calendar_page(request, rollout, calendar, known_form=form, status=400),
    )


def _day_edit_page(
    request: HttpRequest, rollout: Rollout, entry: CalendarDay, form: CalendarDayForm, status: int
) -> HttpResponse:
    context = {"rollout": rollout, "entry": entry, "form": form}
    return render(request, "rollout/calendar_day_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def calendar_day_edit(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, calendar = _editable(request, rollout_pk)
    entry = get_calendar_day_for_user(request.user, calendar, pk)
    if request.method == "GET":
        initial = {
            "date": entry.date,
            "kind": MAKE_UP if entry.is_working else HOLIDAY,
            "name_en": entry.name_en,
            "name_zh_hans": entry.name_zh_hans,
        }
        return _day_edit_page(request, rollout, entry, CalendarDayForm(initial=initial), 200)
    return submit_form(
        request,
        CalendarDayForm(request.POST),
        lambda data: services.calendar_day_change(
            by=signed_in(request), entry=entry, **_day_fields(data)
        ),
        done=lambda saved: (
            _("%(name)s on %(day)s saved: every figure of the rollout counts it now.")
            % {"name": saved.name, "day": f"{saved.date:%Y-%m-%d}"}
        ),
        then=redirect("rollout:working_calendar", rollout_pk=rollout.pk),
        refused=lambda form: _day_edit_page(request, rollout, entry, form, 400),
    )
