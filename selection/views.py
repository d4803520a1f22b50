"""Thin views of the selection: access helper, form, service, then a redirect with a
message (or the page again, with the input kept and the reason)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core import exports
from core.views import (
    call_service,
    download,
    not_allowed_as_403,
    posted_id,
    posted_text,
    signed_in,
    submit_form,
)
from roles.models import Seat
from roles.selectors import seats_held
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user
from selection import policies, selectors, services
from selection.access import access_results, access_seat_page, access_seats
from selection.forms import (
    CostBenefitForm,
    NegotiationForm,
    RecommendationForm,
    ScenarioForm,
    VendorForm,
    WeightsForm,
)
from selection.models import HIGHEST_SCORE, LOWEST_SCORE, Criterion, Dimension, Vendor
from selection.results_figures import results_figures

# The scores a scorecard cell accepts, as posted.
SCORES = {str(n): n for n in range(LOWEST_SCORE, HIGHEST_SCORE + 1)}


def _rollout(request: HttpRequest, rollout_pk: int) -> Rollout:
    # Only a read: the selection was set up with the rollout (rollout_create), and no GET
    # writes.
    return get_rollout_for_user(request.user, rollout_pk)


def _overview(
    request: HttpRequest, rollout: Rollout, status: int = 200, **forms: Any
) -> HttpResponse:
    seats = seats_held(person=signed_in(request), rollout=rollout)
    weighting = selectors.weighting_of_rollout(rollout=rollout)
    submitted = selectors.submitted_members(rollout)
    holders = selectors.seats_overview(rollout=rollout)
    closed = selectors.scoring_closed(rollout)
    open_ = not policies.weights_locked(weighting)
    context = {
        "rollout": rollout,
        "seats": seats,
        "holders": holders,
        "empty_seats": [g.seat.label for g in holders if not g.holders],
        "vendors": list(selectors.vendors_of_rollout(rollout=rollout)),
        "weighting": weighting,
        "submitted": submitted,
        "closed": closed,
        "recommendation": selectors.recommendation_for_rollout(rollout=rollout),
        # A form just posted is always shown, so its errors are seen even where a blank
        # one would not be offered (weights locked since the page was loaded, say).
        "vendor_form": forms.get("vendor_form")
        or (VendorForm() if seats & {Seat.SENIOR, Seat.NEGOTIATOR} and open_ else None),
        "weights_form": forms.get("weights_form")
        or (WeightsForm(instance=weighting) if Seat.SENIOR in seats and open_ else None),
        "recommend_form": forms.get("recommend_form")
        or (RecommendationForm(rollout=rollout) if Seat.SENIOR in seats and closed else None),
    }
    return render(request, "selection/overview.html", context, status=status)


def _on_overview(request: HttpRequest, rollout: Rollout, form_name: str) -> dict[str, Any]:
    """Where a form of the selection's overview leads (submit_form's `then` and `refused`):
    back to the overview, or the overview again (400) with the refused form open."""
    return {
        "then": redirect("selection:selection", rollout_pk=rollout.pk),
        "refused": lambda form: _overview(request, rollout, status=400, **{form_name: form}),
    }


@require_GET
@login_required
def overview(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    return _overview(request, _rollout(request, rollout_pk))


@require_POST
@login_required
def vendor_new(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = _rollout(request, rollout_pk)
    access_seats(signed_in(request), rollout, Seat.SENIOR, Seat.NEGOTIATOR)
    return submit_form(
        request,
        VendorForm(request.POST),
        lambda data: services.vendor_save(by=signed_in(request), rollout=rollout, **data),
        done=lambda vendor: _("Vendor %(name)s added.") % {"name": vendor},
        **_on_overview(request, rollout, "vendor_form"),
    )


@require_POST
@login_required
def weights(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = _rollout(request, rollout_pk)
    access_seats(signed_in(request), rollout, Seat.SENIOR)
    return submit_form(
        request,
        WeightsForm(request.POST, instance=selectors.weighting_of_rollout(rollout=rollout)),
        lambda data: services.weights_set(by=signed_in(request), rollout=rollout, **data),
        done=_("Weights saved."),
        **_on_overview(request, rollout, "weights_form"),
    )


@require_POST
@login_required
def scoring_open(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = _rollout(request, rollout_pk)
    access_seats(signed_in(request), rollout, Seat.SENIOR)
    return call_service(
        request,
        lambda: services.scoring_open(by=signed_in(request), rollout=rollout),
        done=_("Scoring is open; the weights are locked."),
        then=redirect("selection:selection", rollout_pk=rollout.pk),
    )


def _scorecard_page(
    request: HttpRequest,
    rollout: Rollout,
    errors: list[str] | None = None,
    status: int = 200,
    *,
    confirm_submit: bool = False,
) -> HttpResponse:
    """The member's scorecard: their saved scores, or on a refused save what they typed.
    `confirm_submit`: the question before a final submission is shown open."""
    user = signed_in(request)
    criteria = list(services.criteria_for(user, rollout))
    vendors = list(selectors.vendors_of_rollout(rollout=rollout))
    mine = {
        (s.vendor_id, s.criterion_id): s
        for s in selectors.scores_of_member(member=user, rollout=rollout)
    }
    posted = request.POST if request.method == "POST" else QueryDict()
    submitted = services.has_submitted(user, rollout)

    def cell(vendor: Vendor, criterion: Criterion) -> tuple[Vendor, str, str]:
        key = f"{vendor.pk}_{criterion.pk}"
        if f"score_{key}" in posted:
            return vendor, posted[f"score_{key}"], posted_text(request, f"comment_{key}", 500)
        saved = mine.get((vendor.pk, criterion.pk))
        return vendor, str(saved.score) if saved else "", saved.comment if saved else ""

    context = {
        "rollout": rollout,
        "rows": [(c, [cell(vendor, c) for vendor in vendors]) for c in criteria],
        "vendors": vendors,
        "scores": list(SCORES),
        "submitted": submitted,
        # Read only once submitted: the link is not offered before.
        "results_open": submitted and selectors.may_see_results(user, rollout),
        "open": selectors.weights_locked(rollout=rollout),
        "errors": errors or [],
        "confirm_submit": confirm_submit,
    }
    return render(request, "selection/scorecard.html", context, status=status)


def _posted_scores(
    request: HttpRequest, rollout: Rollout
) -> tuple[list[services.ScoreEntry], list[str]]:
    """The scorecard's filled-in cells, and what is wrong with any of them. A field the
    form does not offer (another seat's criterion, another rollout's vendor, no id) is a
    404."""
    criteria = {c.pk: c for c in services.criteria_for(signed_in(request), rollout)}
    vendors = {v.pk: v for v in selectors.vendors_of_rollout(rollout=rollout)}
    entries: list[services.ScoreEntry] = []
    errors: list[str] = []
    for key in request.POST:
        value = request.POST.get(key, "")
        if not key.startswith("score_") or not value:
            continue
        parts = key.split("_")
        if len(parts) != 3:
            raise Http404
        vendor_pk, criterion_pk = posted_id(parts[1]), posted_id(parts[2])
        vendor = vendors.get(vendor_pk) if vendor_pk else None
        criterion = criteria.get(criterion_pk) if criterion_pk else None
        if vendor is None or criterion is None:
            raise Http404
        if value not in SCORES:
            errors.append(
                f"{vendor} · {criterion}: " + _("A score is from 1 to 5, as the guide says.")
            )
            continue
        comment = posted_text(request, f"comment_{parts[1]}_{parts[2]}", 500)
        entries.append(services.ScoreEntry(vendor, criterion, SCORES[value], comment))
    return entries, errors


def _scores_refused(
    request: HttpRequest, rollout: Rollout, service: Callable[..., object]
) -> HttpResponse | None:
    """The posted scorecard handed to `service` (scores_save or scores_submit), all cells or
    none: None when it went through, else the scorecard again (400) with every reason."""
    entries, errors = _posted_scores(request, rollout)
    if not errors:
        try:
            with not_allowed_as_403():
                service(by=signed_in(request), rollout=rollout, entries=entries)
        except services.SelectionError as error:
            errors = error.messages
    return _scorecard_page(request, rollout, errors, status=400) if errors else None


@login_required
def scorecard(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = _rollout(request, rollout_pk)
    access_seats(signed_in(request), rollout, *Seat)
    if request.method != "POST":
        return _scorecard_page(request, rollout)
    refused = _scores_refused(request, rollout, services.scores_save)
    if refused is not None:
        return refused
    messages.success(request, _("Scores saved. Submit them when every one is in."))
    return redirect("selection:scorecard", rollout_pk=rollout.pk)


@require_POST
@login_required
def scores_submit(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    """Submit the scorecard as posted (the Submit button is in the scorecard's form): the
    scores on the screen are saved and submitted together, or the page comes back with
    them and the reason, nothing saved."""
    rollout = _rollout(request, rollout_pk)
    access_seats(signed_in(request), rollout, *Seat)
    # Final: only the question's own button (confirm=yes) submits. Any other post (a page
    # from before the question, a stray click) gets the scorecard back as typed, with the
    # question open, and nothing saved.
    if request.POST.get("confirm") != "yes":
        return _scorecard_page(request, rollout, confirm_submit=True)
    refused = _scores_refused(request, rollout, services.scores_submit)
    if refused is not None:
        return refused
    if not selectors.may_see_results(request.user, rollout):
        messages.success(
            request,
            _(
                "Your scores are submitted and final. The results open when every seat "
                "has submitted."
            ),
        )
        return redirect("selection:scorecard", rollout_pk=rollout.pk)
    messages.success(
        request, _("Your scores are submitted and final. You can now see the results.")
    )
    return redirect("selection:selection_results", rollout_pk=rollout.pk)


@require_POST
@login_required
def scores_reopen(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = _rollout(request, rollout_pk)
    access_seats(signed_in(request), rollout, Seat.SENIOR)
    member = selectors.get_scorer_for_user(request.user, rollout, request.POST.get("member", ""))
    reason = posted_text(request, "reason", 300)
    return call_service(
        request,
        lambda: services.scores_reopen(
            by=signed_in(request), rollout=rollout, member=member, reason=reason
        ),
        done=_("%(person)s's scores are reopened; the reason is recorded.") % {"person": member},
        typed=reason,
        then=redirect("selection:selection", rollout_pk=rollout.pk),
    )


@require_GET
@login_required
def results(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = access_results(signed_in(request), _rollout(request, rollout_pk))
    # Access first: the cached figures are the same for everyone the access call lets in.
    figures = results_figures(rollout=rollout)
    context = {
        "rollout": rollout,
        "results": figures.results,
        "reopenings": figures.reopenings,
        "weighting": figures.weighting,
        "dimensions": [(d.value, d.label) for d in Dimension],
        "seat_labels": [(s.value, s.label) for s in Seat],
    }
    return render(request, "selection/results.html", context)


@login_required
def cost_benefit(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = _rollout(request, rollout_pk)
    user = signed_in(request)
    if request.method != "POST":
        is_finance = access_seat_page(user, rollout, Seat.FINANCE, to="read")
        return _cost_benefit_page(request, rollout, is_finance)
    access_seat_page(user, rollout, Seat.FINANCE, to="edit")
    vendor = selectors.get_vendor_for_user(user, rollout, request.POST.get("vendor", ""))
    return submit_form(
        request,
        CostBenefitForm(request.POST),
        lambda data: services.cost_benefit_save(by=user, vendor=vendor, **data),
        done=_("Cost-benefit of %(vendor)s saved.") % {"vendor": vendor},
        then=redirect("selection:cost_benefit", rollout_pk=rollout.pk),
        refused=lambda form: _cost_benefit_page(request, rollout, True, form),
    )


def _cost_benefit_page(
    request: HttpRequest, rollout: Rollout, is_finance: bool, form: CostBenefitForm | None = None
) -> HttpResponse:
    """The cost-benefit table, and beside it the what-if scenario in the address (GET) if
    any; a refused form (400) keeps what the person typed."""
    what_if = ScenarioForm(request.GET or None, auto_id="what_if_%s")
    scenario = what_if.scenario()
    context = {
        "rollout": rollout,
        "rows": selectors.cost_benefit_rows(rollout=rollout, scenario=scenario),
        "is_finance": is_finance,
        "form": form or CostBenefitForm(),
        "what_if": what_if,
        "scenario": scenario,
    }
    return render(request, "selection/cost_benefit.html", context, status=400 if form else 200)


@login_required
def negotiation(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = _rollout(request, rollout_pk)
    user = signed_in(request)
    if request.method != "POST":
        is_negotiator = access_seat_page(user, rollout, Seat.NEGOTIATOR, to="read")
        return _negotiation_page(request, rollout, is_negotiator, NegotiationForm(rollout=rollout))
    access_seat_page(user, rollout, Seat.NEGOTIATOR, to="edit")
    return submit_form(
        request,
        # An empty post leaves the form unbound, so the page comes back as it was (200).
        NegotiationForm(request.POST or None, rollout=rollout),
        lambda data: services.negotiation_add(by=user, **data),
        done=_("Negotiation entry recorded."),
        then=redirect("selection:negotiation", rollout_pk=rollout.pk),
        refused=lambda form: _negotiation_page(request, rollout, True, form),
    )


def _negotiation_page(
    request: HttpRequest, rollout: Rollout, is_negotiator: bool, form: NegotiationForm
) -> HttpResponse:
    entries = list(selectors.vendors_with_negotiation(rollout=rollout))
    context = {"rollout": rollout, "vendors": entries, "form": form if is_negotiator else None}
    return render(
        request, "selection/negotiation.html", context, status=400 if form.errors else 200
    )


@require_POST
@login_required
def recommend(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = _rollout(request, rollout_pk)
    access_seats(signed_in(request), rollout, Seat.SENIOR)
    return submit_form(
        request,
        RecommendationForm(request.POST, rollout=rollout),
        lambda data: services.recommend(by=signed_in(request), rollout=rollout, **data),
        done=_("Recommendation recorded; the executive sees it at the selection gate."),
        **_on_overview(request, rollout, "recommend_form"),
    )


@require_GET
@login_required
def export(request: HttpRequest, rollout_pk: int, fmt: str) -> HttpResponse:
    rollout = access_results(signed_in(request), _rollout(request, rollout_pk))
    if fmt not in ("xlsx", "pdf"):
        raise Http404
    result = selectors.results(rollout=rollout)
    costs = selectors.cost_benefit_rows(rollout=rollout)
    if fmt == "xlsx":
        headers = [
            _("Vendor"), _("Weighted total"),
            *[str(d.label) for d in Dimension],
            _("Total cost of ownership (¥)"), _("Net present value (¥)"), _("Payback (years)"),
        ]  # fmt: skip
        by_vendor = {c.vendor.pk: c for c in costs}
        rows: list[exports.Row] = [
            [
                r.vendor.name,
                r.total,
                *[r.by_dimension.get(d.value) for d in Dimension],
                by_vendor[r.vendor.pk].tco,
                by_vendor[r.vendor.pk].npv,
                by_vendor[r.vendor.pk].payback,
            ]
            for r in result.vendors
        ]
        content = exports.as_xlsx(headers, rows, _("Comparison"))
        content_type = exports.XLSX
    else:
        from weasyprint import HTML

        html = render_to_string(
            "selection/comparison_pdf.html",
            {"rollout": rollout, "results": result, "costs": costs, "language": get_language()},
        )
        content = bytes(HTML(string=html).write_pdf())
        content_type = "application/pdf"
    return download(content, f"rollout-{rollout.pk}-selection.{fmt}", content_type)
