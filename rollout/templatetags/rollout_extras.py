"""Small template helpers for the rollout pages."""

from decimal import Decimal
from typing import Any

from django import template

from core.percent import percent
from rollout.models import Rollout
from rollout.permissions import permission_names
from rollout.policies import sees_every_department

register = template.Library()


@register.filter
def percent_of(part: Decimal | int | None, whole: Decimal | int | None) -> int:
    """{{ verified|percent_of:total }} -> a whole percentage, 0 when there is no total."""
    return percent(part or 0, whole or 0)


@register.inclusion_tag("rollout/partials/rollout_nav.html", takes_context=True)
def rollout_nav(context: template.Context, rollout: Rollout) -> dict[str, Any]:
    """The rollout's tabs, only those the person's roles open (one permission query)."""
    request = context["request"]
    perms = permission_names(request, rollout)
    return {
        "rollout": rollout,
        "current": request.resolver_match.url_name if request.resolver_match else "",
        "perms": perms,
        # The board tab follows the board's own rule (rollout.policies).
        "sees_every_department": sees_every_department(perms),
    }
