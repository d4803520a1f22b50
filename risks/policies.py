"""Who may do what with the risk register, and what counts as a high risk: one function per
rule, used by views, services, selectors and the gates alike.

- Every member of the rollout reads the register.
- The executive and the middle managers add risks (the backbone sees the risks in their
  departments first).
- The executive edits any risk; its owner edits their own (records the mitigation, moves
  its status).
- Only the executive records that the register was reviewed: controlling the risk is one
  of the five things the article leaves to the executive alone, and a gate asks for it."""

from datetime import date
from typing import TypeVar

from django.db.models import F, Model, Q, QuerySet

from risks.models import RiskStatus
from rollout.policies import Rights

# A risk is high from this score (likelihood times impact, each 1 to 5) up: "likely and
# major" (4, 4), "almost certain and serious" (5, 3), "possible and critical" (3, 5).
HIGH_SCORE = 15

M = TypeVar("M", bound=Model)


def is_high(*, likelihood: int, impact: int) -> bool:
    return likelihood * impact >= HIGH_SCORE


def only_high(risks: "QuerySet[M]") -> "QuerySet[M]":
    """The same rule as is_high, in the database."""
    high: QuerySet[M] = risks.alias(_score=F("likelihood") * F("impact")).filter(
        Q(_score__gte=HIGH_SCORE)
    )
    return high


def adds_risks(rights: Rights) -> bool:
    return "decide_gate" in rights or "plan_work" in rights


def edits_risk(rights: Rights, *, person_id: int | None, owner_id: int) -> bool:
    return "decide_gate" in rights or person_id == owner_id


def reviews_risks(rights: Rights) -> bool:
    return "decide_gate" in rights


def overdue(today: date) -> Q:
    """An open risk whose mitigation was due before today: the sweep reminds its owner, and
    My work lists it for them."""
    return Q(status=RiskStatus.OPEN, due_date__lt=today)


def is_overdue(*, status: str, due_date: date | None, today: date) -> bool:
    return status == RiskStatus.OPEN and due_date is not None and due_date < today
