"""A target for the tests: the demo CRM's lead-to-order days, or one made to measure."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from goals.models import GoalTarget
from goals.services import TargetFigures, target_create


def figures(owner: Any, **changes: Any) -> TargetFigures:
    values: dict[str, Any] = {
        "measure": "First-call resolution",
        "unit": "%",
        "baseline": Decimal("40"),
        "target": Decimal("70"),
        "due_date": timezone.localdate() + timedelta(days=90),
        "owner": owner,
    }
    values.update(changes)
    return TargetFigures(**values)


def new_target(demo: dict[str, Any], rollout: Any, **changes: Any) -> GoalTarget:
    owner = changes.pop("owner", demo["sales.manager"])
    return target_create(by=demo["ceo"], rollout=rollout, figures=figures(owner, **changes))


def lead_to_order(rollout: Any) -> GoalTarget:
    """The demo's 21 → 10 days target, owned by sales.manager."""
    return GoalTarget.objects.get(rollout=rollout, measure__startswith="Lead-to-order")


def a_month_ago() -> date:
    """A past day the demo recorded nothing on (it records on the 1st)."""
    day = timezone.localdate() - timedelta(days=30)
    return day if day.day != 1 else day - timedelta(days=1)


def unseeded_day() -> date:
    """Today, or yesterday when today is the 1st: the demo records its values on the 1st."""
    today = timezone.localdate()
    return today if today.day != 1 else today - timedelta(days=1)
