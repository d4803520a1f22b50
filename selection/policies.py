"""Who may see the selection, in the manner of rollout/policies.py: one function per rule."""

from rollout.policies import Rights


def sees_selection(rights: Rights) -> bool:
    """The vendors and their scores are open to everyone who may open the rollout (its
    Selection tab is shown to all its roles); the search shows vendors by this same rule,
    so tightening it here hides them from both."""
    return "view_rollout" in rights
