"""Who manages a rollout's webhooks: one rule, for the access helper and the services."""

from rollout.policies import Rights


def manages_webhooks(rights: Rights) -> bool:
    """The rollout's executive (and an administrator, who holds every permission): the
    events tell the rollout's decisions and people's hours to another system."""
    return "change_rollout" in rights
