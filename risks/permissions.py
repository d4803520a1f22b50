"""Reading one risk of a rollout: 404 for what is not there or not in that rollout (the same
answer for both). Resolve the rollout first with rollout.permissions.get_rollout_for_user."""

from django.contrib.auth.models import AbstractUser, AnonymousUser

from core.access import one_in_resolved_or_404
from risks.models import Risk
from rollout.models import Rollout


def get_risk_for_user(user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int) -> Risk:
    """Every member of a rollout reads its risks; what they may change is risks.access's."""
    risks = Risk.objects.select_related("rollout", "owner")
    return one_in_resolved_or_404(user, rollout, risks, rollout=rollout, pk=pk)
