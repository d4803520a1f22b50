"""Gates: the list with how long each waited, one gate's evidence pack with the
recommendations and the executive's decision, criteria, conditions, the PDF brief."""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.views import call_service, download, posted_text, signed_in, submit_form
from discussion.selectors import thread_of
from gates import services
from gates.access import access_criterion, access_gate
from gates.brief import gate_brief_pdf, html_to_pdf, latest_decision_brief
from gates.decision_records import APPROACH_GATES
from gates.discussion import gate_target
from gates.forms import AdviceForm, CriterionForm, DecisionForm
from gates.models import Decision, Gate
from gates.permissions import get_condition_for_user, get_gate_for_user
from gates.selectors.gate_figures import gate_figures
from gates.selectors.gates import gates_with_decisions, may_change_mind, next_open_gate
from gates.success_formula import success_panels
from roles import selectors as role_selectors
from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user, object_in_rollout
from work.selectors import current_approach


@require_GET
@login_required
def gates(request: HttpRequest, rollout_pk: int) -> HttpResponse:
    rollout = get_rollout_for_user(request.user, rollout_pk)
    all_gates = gates_with_decisions(rollout=rollout)
    context = {"rollout": rollout, "gates": all_gates, "now": timezone.now()}
    return render(request, "gates/gates.html", context)


def _gate_page(
    request: HttpRequest,
    rollout: Rollout,
    gate: Gate,
    decision_form: DecisionForm | None = None,
    recommendation_form: AdviceForm | None = None,
    criterion_form: CriterionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The gate's page. A refused form is passed in bound: it is shown with what was typed,
    and its errors are listed again at the top of the page, where the person looks."""
    user = signed_in(request)
    figures = gate_figures(gate=gate)
    pack = figures.pack
    is_executive = pack.is_executive(user.pk)
    people = role_selectors.people_of_rollout(rollout=rollout)
    may_decide = is_executive and (gate.is_open or may_change_mind(gate=gate))
    if decision_form is None and may_decide:
        decision_form = DecisionForm(
            owners=people,
            gate=gate,
            initial={
                "gate_version": gate.version,
                "evidence_fingerprint": pack.fingerprint,
                "submission": uuid.uuid4(),
                # The selection team's recommendation, preselected.
                "vendor": pack.selection.vendor_id if pack.selection else None,
                **_approach_decided(gate),
            },
        )
    may_add_criteria = is_executive and gate.status not in (
        Gate.Status.PASSED,
        Gate.Status.STOPPED,
    )
    refused = next(
        (f for f in (decision_form, recommendation_form, criterion_form) if f and f.errors),
        None,
    )
    context = {
        "rollout": rollout,
        "gate": gate,
        "pack": pack,
        "panels": success_panels(figures.success),
        "decision_form": decision_form if may_decide else None,
        "recommendation_form": (recommendation_form or AdviceForm())
        if gate.is_open and services.may_recommend(user, rollout)
        else None,
        "criterion_form": (criterion_form or CriterionForm(people=people))
        if may_add_criteria
        else None,
        "refused_form": refused,
        "next_gate": None if gate.is_open else next_open_gate(gate=gate),
        "is_executive": is_executive,
        "language": get_language(),
        "thread": thread_of(
            target=gate_target(gate, rollout, user, pack.recommendations, pack.decisions),
            reader=user,
        ),
    }
    return render(request, "gates/gate_detail.html", context, status=status)


def _approach_decided(gate: Gate) -> dict[str, object]:
    """At the implementation gate, the approach decided at the contract gate, preselected
    (kept as it is unless the executive changes it); nothing at the other gates."""
    if gate.key not in APPROACH_GATES:
        return {}
    approach = current_approach(rollout=gate.rollout)
    if approach is None:
        return {}
    return {
        "approach_style": approach.style,
        "pilot_department": approach.pilot_department_id,
        "vendor_method": approach.vendor_method,
    }


@require_GET
@login_required
def gate_detail(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, gate = object_in_rollout(request.user, rollout_pk, get_gate_for_user, pk)
    return _gate_page(request, rollout, gate)


def _decided_message(decision: Decision) -> str:
    # The gate as the decision left it: the service's own copy, locked, moved on and saved
    # (a repeated submission's decision reads it).
    gate = decision.gate
    recorded = _("Decision recorded: %(outcome)s. Everyone in the rollout can read it.") % {
        "outcome": decision.get_outcome_display()
    }
    following = next_open_gate(gate=gate)
    if following is None:
        return recorded
    # The page links to it too; the message says it where the executive reads first.
    return f"{recorded} " + _("Next: gate %(order)s, “%(gate)s”, now waits for your decision.") % {
        "order": following.order,
        "gate": following.name,
    }


@require_POST
@login_required
def gate_decide(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, gate = object_in_rollout(request.user, rollout_pk, access_gate, pk, to="executive")
    form = DecisionForm(
        request.POST, owners=role_selectors.people_of_rollout(rollout=rollout), gate=gate
    )
    return submit_form(
        request,
        form,
        lambda data: services.decision_record(by=signed_in(request), gate=gate, **data),
        done=_decided_message,
        then=redirect("gates:gate_detail", rollout_pk=rollout.pk, pk=gate.pk),
        refused=lambda form: _gate_page(request, rollout, gate, decision_form=form, status=400),
    )


@require_POST
@login_required
def gate_recommend(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, gate = object_in_rollout(request.user, rollout_pk, access_gate, pk, to="recommend")
    return submit_form(
        request,
        AdviceForm(request.POST),
        lambda data: services.recommendation_add(by=signed_in(request), gate=gate, **data),
        done=_("Your recommendation is on the gate for the executive."),
        then=redirect("gates:gate_detail", rollout_pk=rollout.pk, pk=gate.pk),
        refused=lambda form: _gate_page(
            request, rollout, gate, recommendation_form=form, status=400
        ),
    )


@require_POST
@login_required
def criterion_new(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, gate = object_in_rollout(request.user, rollout_pk, access_gate, pk, to="executive")
    return submit_form(
        request,
        CriterionForm(request.POST, people=role_selectors.people_of_rollout(rollout=rollout)),
        lambda data: services.criterion_add(by=signed_in(request), gate=gate, **data),
        done=_("Criterion added."),
        then=redirect("gates:gate_detail", rollout_pk=rollout.pk, pk=gate.pk),
        # The "Add a criterion" section opens again with what was typed.
        refused=lambda form: _gate_page(request, rollout, gate, criterion_form=form, status=400),
    )


@require_POST
@login_required
def criterion_remove(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, criterion = object_in_rollout(
        request.user, rollout_pk, access_criterion, pk, to="executive"
    )
    if request.POST.get("confirm") != "yes":
        # Removing changes the evidence every decision is checked against: asked first.
        context = {"rollout": rollout, "criterion": criterion}
        return render(request, "gates/criterion_remove_confirm.html", context)
    return call_service(
        request,
        lambda: services.criterion_remove(by=signed_in(request), criterion=criterion),
        done=_("Criterion “%(text)s” removed.") % {"text": criterion.text},
        then=redirect("gates:gate_detail", rollout_pk=rollout.pk, pk=criterion.gate_id),
    )


@require_POST
@login_required
def criterion_confirm(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, criterion = object_in_rollout(
        request.user, rollout_pk, access_criterion, pk, to="confirm"
    )
    return call_service(
        request,
        lambda: services.criterion_confirm(by=signed_in(request), criterion=criterion),
        done=_("Criterion confirmed."),
        then=redirect("gates:gate_detail", rollout_pk=rollout.pk, pk=criterion.gate_id),
    )


@require_POST
@login_required
def condition_met(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    rollout, condition = object_in_rollout(request.user, rollout_pk, get_condition_for_user, pk)
    # Only its owner or the executive: the service refuses anyone else (403).
    note = posted_text(request, "note")
    return call_service(
        request,
        lambda: services.condition_met(by=signed_in(request), condition=condition, note=note),
        done=_("Condition marked as met."),
        typed=note,
        then=redirect("gates:gate_detail", rollout_pk=rollout.pk, pk=condition.decision.gate_id),
    )


@require_GET
@login_required
def gate_brief(request: HttpRequest, rollout_pk: int, pk: int) -> HttpResponse:
    """A decided gate serves the brief stored with its latest decision (rendered to PDF
    once, by the worker); until the worker has done so, the stored HTML is printed here
    without being kept (a GET writes nothing). An undecided gate prints today's evidence."""
    rollout, gate = object_in_rollout(request.user, rollout_pk, get_gate_for_user, pk)
    language = get_language() or "en"
    brief = latest_decision_brief(gate=gate, language=language)
    if brief is None:
        pdf = gate_brief_pdf(gate=gate, language=language)
    elif brief.pdf:
        with brief.pdf.open("rb") as stored:
            pdf = stored.read()
    else:
        pdf = html_to_pdf(brief.html)
    filename = f"rollout-{rollout.pk}-gate-{gate.order}-{gate.key}.pdf"
    return download(pdf, filename, "application/pdf")
