"""Who may see the selection, in the manner of rollout/policies.py: one function per rule."""

from typing import TYPE_CHECKING

from roles.models import Seat
from rollout.policies import Rights

if TYPE_CHECKING:
    from selection.models import Weighting


def sees_selection(rights: Rights) -> bool:
    """The vendors and their scores are open to everyone who may open the rollout (its
    Selection tab is shown to all its roles); the search shows vendors by this same rule,
    so tightening it here hides them from both."""
    return "view_rollout" in rights


def weights_locked(weighting: "Weighting | None") -> bool:
    """The one lock rule of the selection: once the senior seat opens scoring (the weighting's
    lock is recorded), the weights, the criteria and the list of vendors stay as they are,
    so every seat scores against the same yardstick. Before, all of them may change."""
    return weighting is not None and weighting.locked_at is not None


def edits_rates(*, seats: set[str], is_superuser: bool) -> bool:
    """The department hourly rates are the finance seat's figures (an administrator may
    correct them too, as in the admin); everyone else reads them."""
    return Seat.FINANCE in seats or is_superuser
