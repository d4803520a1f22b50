"""A gate's activity thread: its recommendations and decisions as discussion's entries,
and the Target through which discussion reaches a gate (registered from
GatesConfig.ready())."""

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from discussion.models import CommentTarget
from discussion.targets import Target, register_target
from discussion.thread import ThreadEntry
from gates.models import Decision, Gate, GateAdvice
from gates.permissions import get_gate_for_user
from rollout.models import Rollout


def gate_history(advice: Iterable[GateAdvice], decisions: Iterable[Decision]) -> list[ThreadEntry]:
    """From the rows the gate's page has read already (its evidence pack)."""
    entries = [
        ThreadEntry(
            a.created_at,
            str(a.by),
            _("Recommended %(advice)s as %(role)s: %(reason)s")
            % {"advice": a.get_advice_display(), "role": a.as_role, "reason": a.reason},
        )
        for a in advice
    ]
    entries += [
        ThreadEntry(
            d.created_at,
            str(d.decided_by),
            _("Decided %(outcome)s: %(reason)s")
            % {"outcome": d.get_outcome_display(), "reason": d.reason},
        )
        for d in decisions
    ]
    return entries


def gate_target(
    gate: Gate,
    rollout: Rollout,
    viewer: Any,
    advice: Iterable[GateAdvice],
    decisions: Iterable[Decision],
) -> Target:
    return Target(
        kind=CommentTarget.GATE,
        pk=gate.pk,
        rollout=rollout,
        viewer_id=viewer.pk,
        url=reverse("gates:gate_detail", args=[rollout.pk, gate.pk]),
        label=lambda: gate.name,
        history=lambda: gate_history(advice, decisions),
    )


def _resolve(user: Any, rollout: Rollout, pk: int) -> Target:
    """Gates' own access call: everyone in a rollout reads its gates (404 otherwise)."""
    gate = get_gate_for_user(user, rollout, pk)
    advice = gate.recommendations.select_related("by")
    decisions = gate.decisions.select_related("decided_by")
    return gate_target(gate, rollout, user, advice, decisions)


def discussion_register() -> None:
    register_target(CommentTarget.GATE, _resolve)
