"""Decision test data: a vendor of the rollout that the selection team did not recommend."""

from rollout.models import Rollout
from selection.models import Vendor
from selection.selectors import recommendation_for_rollout


def recommended_vendor_id(rollout: Rollout) -> int:
    recommended = recommendation_for_rollout(rollout=rollout)
    assert recommended is not None and recommended.vendor_id is not None
    return recommended.vendor_id


def other_vendor(rollout: Rollout) -> Vendor:
    """One of the rollout's vendors, not the recommended one (the demo CRM has three)."""
    return Vendor.objects.filter(rollout=rollout).exclude(pk=recommended_vendor_id(rollout))[0]
