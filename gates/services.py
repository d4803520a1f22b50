"""Every write about gates: the phases of a new rollout, criteria, recommendations and
the executive's decisions. A decision is written once (the database refuses changes);
a change of mind is a new decision that supersedes the last one."""

import uuid
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from chat.services.messages import chat_decision_put
from core.checked import was_checked
from core.errors import AppError, NotAllowed
from core.validation import relation_fields, saved, validated
from gates.brief import decision_briefs_write
from gates.decision_records import (
    RecordError,
    Records,
    approach_create,
    check_records,
    names_work,
    recycle_apply,
    work_text,
)
from gates.gate_template import PHASES
from gates.models import (
    ConditionMet,
    Decision,
    DecisionCondition,
    DecisionMailing,
    Gate,
    GateAdvice,
    GateCriterion,
)
from gates.selectors.gate_figures import gate_figures
from gates.webhook_data import decision_data
from notifications.reminder_keys import (
    ConditionDueKey,
    ConditionOverdueKey,
    GateDecideAgainKey,
    GateWaitingKey,
    ReminderAbout,
)
from notifications.services.reminders import reminders_withdraw
from roles import selectors as role_selectors
from rollout.models import Rollout
from webhooks.emission import webhook_event_put
from webhooks.models import WebhookEvent

if TYPE_CHECKING:  # only for the annotations
    from roles.models import User


class GateError(AppError):
    """A rule about gates was broken; the message is meant for the person who tried."""


class GateNotAllowed(GateError, NotAllowed):
    """The person sees the gate but may not do this: a view answers 403."""


def _bump(gate: Gate) -> None:
    Gate.objects.filter(pk=gate.pk).update(version=F("version") + 1)
    gate.refresh_from_db(fields=["version"])


def gates_create(*, rollout: Rollout, confirmer: "User") -> list[Gate]:
    """The default phases and their criteria; the first gate starts waiting at once.
    Manual criteria are confirmed by `confirmer` (the executive) until changed."""
    gates = []
    now = timezone.now()
    for order, phase in enumerate(PHASES, start=1):
        gate = Gate.objects.create(
            rollout=rollout,
            order=order,
            key=phase.key,
            name_en=phase.name_en,
            name_zh_hans=phase.name_zh_hans,
            status=Gate.Status.PENDING if order == 1 else Gate.Status.UPCOMING,
            opened_at=now if order == 1 else None,
        )
        GateCriterion.objects.bulk_create(
            GateCriterion(
                gate=gate,
                order=n,
                kind=c.kind,
                threshold=c.threshold,
                text_en=c.text_en,
                text_zh_hans=c.text_zh_hans,
                confirmer=confirmer if c.kind == GateCriterion.Kind.MANUAL else None,
            )
            for n, c in enumerate(phase.criteria, start=1)
        )
        gates.append(gate)
    return gates


def _require_executive(by: "User", rollout: Rollout, checked: Gate | GateCriterion) -> None:
    """`checked` is the gate (or criterion) the view's access call may have marked: then the
    question was answered yes already in this request."""
    if was_checked(checked, by.pk, "executive"):
        return
    if not role_selectors.is_executive(person=by, rollout=rollout):
        raise GateNotAllowed(_("Only the rollout's executive does this."))


@transaction.atomic
def criterion_add(*, by: "User", gate: Gate, text: str, confirmer: "User") -> GateCriterion:
    _require_executive(by, gate.rollout, gate)
    if gate.status in (Gate.Status.PASSED, Gate.Status.STOPPED):
        raise GateError(_("This gate is decided; its criteria no longer change."))
    criterion = GateCriterion(
        gate=gate,
        order=gate.criteria.count() + 1,
        kind=GateCriterion.Kind.MANUAL,
        text_en=text,
        text_zh_hans=text,
        confirmer=confirmer,
    )
    saved(criterion, GateError)
    _bump(gate)
    return criterion


@transaction.atomic
def criterion_remove(*, by: "User", criterion: GateCriterion) -> None:
    gate = criterion.gate
    _require_executive(by, gate.rollout, criterion)
    if gate.status in (Gate.Status.PASSED, Gate.Status.STOPPED):
        raise GateError(_("This gate is decided; its criteria no longer change."))
    criterion.delete()
    _bump(gate)


def confirms(user: "User", criterion: GateCriterion) -> bool:
    """Only the person a manual criterion names confirms it."""
    return criterion.confirmer_id == user.pk


@transaction.atomic
def criterion_confirm(*, by: "User", criterion: GateCriterion) -> GateCriterion:
    """The named person confirms a criterion the data cannot judge."""
    # Asked first: anyone else is refused (403) whatever the criterion is.
    if not confirms(by, criterion):
        raise GateNotAllowed(
            _("Only %(person)s confirms this criterion.") % {"person": criterion.confirmer}
        )
    if criterion.kind != GateCriterion.Kind.MANUAL:
        raise GateError(_("The data judges this criterion; nobody confirms it."))
    if not criterion.gate.is_open and criterion.gate.status != Gate.Status.UPCOMING:
        raise GateError(_("This gate is decided; its criteria no longer change."))
    if criterion.confirmed_at is None:
        criterion.confirmed_at = timezone.now()
        criterion.save(update_fields=["confirmed_at"])
        _bump(criterion.gate)
    return criterion


def may_recommend(user: "User", rollout: Rollout) -> bool:
    """Middle managers and the selection team's senior seat advise before a decision."""
    return role_selectors.is_manager_or_senior_seat(person=user, rollout=rollout)


@transaction.atomic
def recommendation_add(*, by: "User", gate: Gate, advice: str, reason: str) -> GateAdvice:
    if not was_checked(gate, by.pk, "recommend") and not may_recommend(by, gate.rollout):
        raise GateNotAllowed(
            _("Recommendations come from middle managers and the senior management seat.")
        )
    if not gate.is_open:
        raise GateError(_("This gate is not waiting for a decision."))
    if not reason.strip():
        raise GateError(_("Give the reason for your recommendation."))
    recommendation = GateAdvice(
        gate=gate,
        by=by,
        as_role=role_selectors.role_label(person=by, rollout=gate.rollout),
        advice=advice,
        reason=reason.strip(),
    )
    saved(recommendation, GateError)
    _bump(gate)
    return recommendation


def _next_gate(gate: Gate) -> Gate | None:
    return Gate.objects.filter(rollout=gate.rollout, order__gt=gate.order).order_by("order").first()


@transaction.atomic
def decision_record(
    *,
    by: "User",
    gate: Gate,
    outcome: str,
    reason: str,
    evidence_fingerprint: str,
    gate_version: int,
    submission: uuid.UUID,
    conditions: Sequence[tuple[str, "User", date]] = (),
    decide_again_on: date | None = None,
    recycle_work: str = "",
    records: Records | None = None,
) -> Decision:
    """Record the executive's decision on a gate and move the rollout accordingly.
    `records` holds what the outcome decides beyond itself (gates.decision_records): the
    vendor, the approach, the phase and tasks to redo.

    The same submission sent twice (a double click, a replayed request) returns the
    decision already recorded. A page opened before the gate or its evidence changed is
    refused, so nobody decides on figures they did not see."""
    existing = Decision.objects.filter(submission=submission).first()
    if existing is not None:
        if existing.gate_id != gate.pk:
            raise GateError(_("This form was already used for another gate; reload the page."))
        return existing
    _require_executive(by, gate.rollout, gate)
    gate = Gate.objects.select_for_update().select_related("rollout").get(pk=gate.pk)
    latest = gate.decisions.order_by("-created_at", "-pk").first()
    changing_mind = not gate.is_open
    if changing_mind:
        later = Decision.objects.filter(gate__rollout=gate.rollout, gate__order__gt=gate.order)
        if latest is None or gate.status == Gate.Status.UPCOMING or later.exists():
            raise GateError(_("This gate is not waiting for a decision."))
    if gate.version != gate_version:
        raise GateError(_("The gate changed since you opened it. Reload the page to see it."))
    # The pack the page showed, from the never-stale page cache when the executive's page
    # read it at the version now committed (rollout/page_cache.py): the version is read in
    # this transaction, after the gate's lock, so a change committed since the page was
    # opened misses the entry and the pack is computed again (then refused below).
    pack = gate_figures(gate=gate).pack
    if pack.fingerprint != evidence_fingerprint:
        raise GateError(
            _("The evidence changed since you opened the page. Reload it and decide again.")
        )
    try:
        records = check_records(
            gate=gate, outcome=outcome, records=records or Records(), selection=pack.selection
        )
    except RecordError as refusal:
        raise GateError(str(refusal)) from refusal
    if outcome == Decision.Outcome.RECYCLE and not recycle_work.strip() and names_work(records):
        recycle_work = work_text(records)
    _check_outcome(outcome, reason, conditions, decide_again_on, recycle_work)
    decision = Decision(
        gate=gate,
        decided_by=by,
        outcome=outcome,
        reason=reason.strip(),
        decide_again_on=decide_again_on if outcome == Decision.Outcome.HOLD else None,
        recycle_work=recycle_work.strip() if outcome == Decision.Outcome.RECYCLE else "",
        recycle_phase=records.recycle_phase,
        vendor=records.vendor,
        vendor_reason=records.vendor_reason,
        supersedes=latest if changing_mind else None,
        evidence_hash=pack.fingerprint,
        gate_version=gate.version,
        waited_from=gate.opened_at or timezone.now(),
        submission=submission,
    )
    # Every CheckConstraint of a decision was checked above, with its message
    # (_check_outcome, check_records keeps only the outcome's records); its foreign keys
    # are the gate locked here, the signed-in person, the decision it supersedes and
    # records read above; its submission was looked up first and is unique in the database
    # (a race is answered below). So the fields' own rules only, without ten queries (and
    # fourteen savepoints) asking again; the database still enforces all of it.
    validated(
        decision,
        GateError,
        exclude=[*relation_fields(decision), "submission"],
        validate_constraints=False,
    )
    try:
        with transaction.atomic():
            # In the decision's savepoint: a lost race leaves no approach behind.
            decision.approach = approach_create(by=by, gate=gate, records=records)
            decision.save()
    except IntegrityError as error:
        # A second tab sent the same submission at the same instant: one decision.
        existing = Decision.objects.filter(submission=submission).first()
        if existing is None:
            raise GateError(
                _("The decision could not be recorded; reload and try again.")
            ) from error
        return existing
    if outcome == Decision.Outcome.GO_WITH_CONDITIONS:
        for text, owner, due in conditions:
            condition = DecisionCondition(
                decision=decision, text=text.strip(), owner=owner, due_date=due
            )
            saved(condition, GateError)
    try:
        recycle_apply(by=by, decision=decision, records=records)
    except AppError as refusal:  # work's refusal, as the gate's (the transaction rolls back)
        raise GateError(str(refusal)) from refusal
    if changing_mind and latest is not None:
        _undo(gate, latest)
    _apply(gate, decision)
    # The outbox: the brief's HTML from the evidence just checked, and the e-mail to send.
    # The PDF and the mail are the worker's (seconds of WeasyPrint must not hold this
    # transaction, and with it SQLite's only write lock).
    decision_briefs_write(decision=decision, pack=pack)
    DecisionMailing.objects.create(decision=decision)
    chat_decision_put(
        decision_pk=decision.pk,
        rollout_pk=gate.rollout_id,
        gate=lazy(gate.__str__, str)(),  # the gate's name in each channel's language
        outcome=Decision.Outcome(decision.outcome).label,
        reason=decision.reason,
    )
    _reminders_done(gate, superseded=latest if changing_mind else None)
    webhook_event_put(
        rollout_id=gate.rollout_id, event=WebhookEvent.DECISION_RECORDED,
        key=f"decision:{decision.pk}", data=lambda: decision_data(decision),
    )  # fmt: skip
    return decision


def _reminders_done(gate: Gate, *, superseded: Decision | None = None) -> None:
    """The gate is decided: the reminders to decide it are over, and so are those about the
    conditions of a decision this one supersedes (the sweep no longer tracks them)."""
    about = [GateWaitingKey.about(gate.pk), GateDecideAgainKey.about(gate.pk)]
    if superseded is not None:
        for pk in superseded.conditions.values_list("pk", flat=True):
            about += _condition_reminders(pk)
    reminders_withdraw(about=about)  # done: their notifications show it as done


def _condition_reminders(condition_pk: int) -> list[ReminderAbout]:
    return [ConditionDueKey.about(condition_pk), ConditionOverdueKey.about(condition_pk)]


def _check_outcome(
    outcome: str,
    reason: str,
    conditions: Sequence[tuple[str, "User", date]],
    decide_again_on: date | None,
    recycle_work: str,
) -> None:
    if outcome not in Decision.Outcome.values:
        raise GateError(_("Choose Go, Go with conditions, Hold, Recycle or Stop."))
    if not reason.strip():
        raise GateError(_("A decision needs its reason."))
    if outcome == Decision.Outcome.GO_WITH_CONDITIONS:
        if not conditions:
            raise GateError(_("Go with conditions needs at least one condition."))
        for text, _owner, due in conditions:
            if not text.strip():
                raise GateError(_("Say what each condition is."))
            if due < timezone.localdate():
                raise GateError(_("A condition cannot be due in the past."))
    if outcome == Decision.Outcome.HOLD and (
        decide_again_on is None or decide_again_on <= timezone.localdate()
    ):
        raise GateError(_("Say when you will decide again: a day after today."))
    if outcome == Decision.Outcome.RECYCLE and not recycle_work.strip():
        raise GateError(_("Name the work to redo: the tasks, a phase or in words."))


def _undo(gate: Gate, previous: Decision) -> None:
    """Take back what the superseded decision did to the rollout."""
    if previous.outcome in (Decision.Outcome.GO, Decision.Outcome.GO_WITH_CONDITIONS):
        following = _next_gate(gate)
        if following is not None:
            following.status = Gate.Status.UPCOMING
            following.opened_at = None
            following.save(update_fields=["status", "opened_at"])
    if previous.outcome == Decision.Outcome.STOP:
        # updated_at by hand: .update() skips auto_now, and the API's updated_since reads it.
        Rollout.objects.filter(pk=gate.rollout_id).update(
            status=Rollout.Status.ACTIVE, updated_at=timezone.now()
        )


def _apply(gate: Gate, decision: Decision) -> None:
    now = timezone.now()
    rollout = gate.rollout
    gate.decide_again_on = None
    if decision.outcome in (Decision.Outcome.GO, Decision.Outcome.GO_WITH_CONDITIONS):
        gate.status = Gate.Status.PASSED
        following = _next_gate(gate)
        if following is None:
            rollout.status = Rollout.Status.COMPLETED
        else:
            following.status = Gate.Status.PENDING
            following.opened_at = now
            following.save(update_fields=["status", "opened_at"])
            rollout.status = Rollout.Status.ACTIVE
        rollout.save(update_fields=["status", "updated_at"])
    elif decision.outcome == Decision.Outcome.HOLD:
        gate.status = Gate.Status.HELD
        gate.decide_again_on = decision.decide_again_on
    elif decision.outcome == Decision.Outcome.RECYCLE:
        # The phase's work is redone, then the gate waits again, from now.
        gate.status = Gate.Status.PENDING
        gate.opened_at = now
    else:
        gate.status = Gate.Status.STOPPED
        rollout.status = Rollout.Status.STOPPED
        rollout.save(update_fields=["status", "updated_at"])
    gate.version += 1
    gate.save(update_fields=["status", "opened_at", "decide_again_on", "version"])


@transaction.atomic
def condition_met(*, by: "User", condition: DecisionCondition, note: str = "") -> ConditionMet:
    rollout = condition.decision.gate.rollout
    if condition.owner_id != by.pk and not role_selectors.is_executive(person=by, rollout=rollout):
        raise GateNotAllowed(_("Only the condition's owner or the executive marks it met."))
    if ConditionMet.objects.filter(condition=condition).exists():
        raise GateError(_("This condition is already met."))
    met = ConditionMet.objects.create(condition=condition, by=by, note=note.strip())
    reminders_withdraw(about=_condition_reminders(condition.pk))
    return met
