"""Access to a rollout's gates, criteria and conditions: through the rollout the caller
may already see (rollout.permissions.get_rollout_for_user), and 404 for any other's."""

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.http import Http404

from gates.models import DecisionCondition, Gate, GateCriterion
from rollout.models import Rollout


def get_gate_for_user(user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int) -> Gate:
    """Everyone in a rollout reads its gates and decisions."""
    gate = Gate.objects.select_related("rollout").filter(rollout=rollout, pk=pk).first()
    if gate is None:
        raise Http404
    return gate


def get_criterion_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int
) -> GateCriterion:
    criterion = (
        GateCriterion.objects.select_related("gate", "gate__rollout")
        .filter(gate__rollout=rollout, pk=pk)
        .first()
    )
    if criterion is None:
        raise Http404
    return criterion


def get_condition_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int
) -> DecisionCondition:
    condition = (
        DecisionCondition.objects.select_related("decision", "decision__gate")
        .filter(decision__gate__rollout=rollout, pk=pk)
        .first()
    )
    if condition is None:
        raise Http404
    return condition
