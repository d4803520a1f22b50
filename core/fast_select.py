"""Select widgets that write their HTML in Python instead of through Django's widget
templates: the same bytes as django/forms/widgets/select.html, select_option.html and
attrs.html, without a template include per option. A select of 150 people cost about 30 ms
through the templates (an include, a context push and the attrs loop for each option);
written here it costs well under one.

The output is Django's own, byte for byte (tests/core/test_fast_select.py renders both
ways and compares): the name, the attributes the bound field gives (id, required,
aria-describedby, aria-invalid), the options in order with the selected one(s) marked as
Django marks them. Anything this does not write the way the templates do (option groups,
labels that are not text, a subclass with its own template or options) is rendered through
the templates as before."""

from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.utils.functional import Promise
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, SafeString, mark_safe

_SELECT = forms.Select


def _formatted(value: Any) -> str:
    """{{ value|stringformat:'s' }} under autoescape: str(value), escaped unless the
    value was marked safe (the filter keeps a safe input safe)."""
    text = str(value)
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(str(name))}")
        if value is not True:
            parts.append(f'="{_formatted(value)}"')
    return "".join(parts)


def _label(label: Any) -> str | None:
    """{{ label }} for text (the template localizes numbers and dates: those, None)."""
    if isinstance(label, str | Promise):
        return conditional_escape(label if isinstance(label, SafeData) else str(label))
    return None


class FastSelect(forms.Select):
    """forms.Select, written in Python (see the module's docstring)."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        html = _fast_render(self, name, value, attrs)
        if html is None:
            return SafeString(super().render(name, value, attrs, renderer))
        return mark_safe(html)  # noqa: S308  # every text in it is escaped (_fast_render)


def _fast_render(widget: Any, name: str, value: Any, attrs: dict[str, Any] | None) -> str | None:
    """What Select.render gives, as select.html lays it out (each option's own template
    ends in a newline); None where the templates must render it."""
    if (
        widget.template_name != _SELECT.template_name
        or widget.option_template_name != _SELECT.option_template_name
        or type(widget).get_context is not _SELECT.get_context
        or type(widget).optgroups is not _SELECT.optgroups
        or type(widget).create_option is not _SELECT.create_option
    ):
        return None
    multiple = widget.allow_multiple_selected
    chosen = widget.format_value(value)
    final_attrs = widget.build_attrs(widget.attrs, attrs)
    if multiple:
        final_attrs["multiple"] = True
    out = [f'<select name="{conditional_escape(name)}"{_attrs(final_attrs)}>']
    has_selected = False
    for option_value, option_label in widget.choices:
        if isinstance(option_label, list | tuple):
            return None  # an option group
        label = _label(option_label)
        if label is None:
            return None
        if option_value is None:
            option_value = ""
        selected = (not has_selected or multiple) and str(option_value) in chosen
        has_selected |= selected
        mark = " selected" if selected else ""
        out.append(f'\n  <option value="{_formatted(option_value)}"{mark}>{label}</option>\n')
    out.append("\n</select>")  # the renderer strips the template's last newline
    return "".join(out)


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    """forms.SelectMultiple, written in Python."""
