"""Access to a rollout's gates, criteria and conditions: through the rollout the caller
may already see (rollout.permissions.get_rollout_for_user), and 404 for any other's."""

from django.contrib.auth.models import AbstractUser, AnonymousUser

from core.access import one_in_resolved_or_404
from gates.models import DecisionCondition, Gate, GateCriterion
from rollout.models import Rollout


def get_gate_for_user(user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int) -> Gate:
    """Everyone in a rollout reads its gates and decisions."""
    return one_in_resolved_or_404(
        user, rollout, Gate.objects.select_related("rollout"), rollout=rollout, pk=pk
    )


def get_criterion_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int
) -> GateCriterion:
    criteria = GateCriterion.objects.select_related("gate", "gate__rollout")
    return one_in_resolved_or_404(user, rollout, criteria, gate__rollout=rollout, pk=pk)


def get_condition_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int
) -> DecisionCondition:
    conditions = DecisionCondition.objects.select_related("decision", "decision__gate")
    return one_in_resolved_or_404(user, rollout, conditions, decision__gate__rollout=rollout, pk=pk)
