"""Template filters every app's pages share."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def typed_for(refused: Any, pk: int) -> Any:
    """What was typed in the refused form of row `pk` (a core.views.Refused), or None for
    every other row: {% with typed=refused|typed_for:c.pk %}."""
    if refused is None or getattr(refused, "pk", None) != pk:
        return None
    return refused.data
