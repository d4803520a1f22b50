"""Template helpers for the staffing pages."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from staffing.selectors import HEAT_LABELS, HeatCell

register = template.Library()


@register.simple_tag
def heat_cells(cells: list[HeatCell]) -> SafeString:
    """A heatmap row's cells. Written in Python: a page has 400 cells, and the same markup
    as a template loop took two thirds of the page's time (measured on seed_scale)."""
    labels = {state: str(label) for state, label in HEAT_LABELS.items()}  # translated once
    return format_html_join(
        "",
        '<td class="heat-{}" title="{}">{} <span class="visually-hidden">{}</span></td>',
        ((cell.state, labels[cell.state], cell.text, labels[cell.state]) for cell in cells),
    )
