"""Model choices a page has read already: a form shows them without reading its queryset a
second time, while a posted value is still checked against the queryset."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Model, QuerySet


def _model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):  # ModelMultipleChoiceField is one too
        raise TypeError(f"{name} is not a model choice field")
    return field


def _choices(field: forms.ModelChoiceField[Any], objects: Iterable[Model]) -> list[Any]:
    iterator = field.iterator(field)
    empty: list[Any] = [("", field.empty_label)] if field.empty_label is not None else []
    return empty + [iterator.choice(obj) for obj in objects]


def choices_from(form: forms.BaseForm, name: str, objects: Iterable[Model]) -> None:
    """Show `objects` as the choices of the form's model choice field `name` (single or
    multiple), in their order and with the field's own labels. The field's queryset stays
    what the form checks a posted value against, so `objects` must be what it holds."""
    field = _model_choice_field(form, name)
    field.choices = _choices(field, objects)


def choices_when_shown(form: forms.BaseForm, name: str, objects: QuerySet[Any]) -> None:
    """As choices_from, with the rows read when the field is first shown (a posted form that
    is saved never reads them), through `objects`' own result cache: every field given the
    same queryset object (the condition owners, the criterion's confirmer) shares one
    query, where Django's model choices run one a field."""
    field = _model_choice_field(form, name)
    field.choices = lambda: _choices(field, objects)
