"""A choice among rows already read (a rollout's members, departments, workstreams): one
query for the list however many forms offer it, none to check the value chosen, and a select
built as one string instead of one template per option (a rollout of 130 members made the
board's two member lists a third of its time)."""

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.db.models import Model
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


class PlainSelect(forms.Select):
    """Django's Select, rendered without a template per option."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = set(self.format_value(value))
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


class RowChoiceField(forms.ChoiceField):
    """A choice of one of `rows` (set with `offer`), cleaned to the row itself, or None when
    nothing is chosen."""

    widget = PlainSelect

    def offer(self, rows: Iterable[Model], empty_label: str) -> None:
        listed: Sequence[Model] = list(rows)
        self._rows = {str(row.pk): row for row in listed}
        self.choices = [("", empty_label), *((str(row.pk), str(row)) for row in listed)]

    def clean(self, value: Any) -> Model | None:
        key = super().clean(value)
        return self._rows.get(key) if key else None
