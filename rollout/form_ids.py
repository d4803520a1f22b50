"""Model choice fields that refuse an id no database column can hold.

Django looks a chosen id up as it is: on SQLite an id past 2**63 - 1 raises OverflowError
inside the query (a server error, found by the Hypothesis tests), where it should be an
ordinary "not one of the choices". Every form of the project goes through `guard_ids`."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

BIGGEST_ID = 2**63 - 1


def _out_of_range(value: Any) -> bool:
    try:
        return abs(int(str(value).strip())) > BIGGEST_ID
    except (TypeError, ValueError):
        return False  # not a number at all: Django refuses it the usual way


class _IdGuard:
    """Mixed in before a ModelChoiceField or ModelMultipleChoiceField class."""

    error_messages: dict[str, Any]

    def to_python(self, value: Any) -> Any:  # ModelChoiceField: one id
        if _out_of_range(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)  # type: ignore[misc]  # a mixin: the field class comes after it

    def _check_values(self, value: Any) -> Any:  # ModelMultipleChoiceField: a list of ids
        for pk in value:
            if _out_of_range(pk):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)  # type: ignore[misc]  # as above


_GUARDED: dict[type, type] = {}


def _guarded(field_class: type) -> type:
    if field_class not in _GUARDED:
        _GUARDED[field_class] = type(f"Guarded{field_class.__name__}", (_IdGuard, field_class), {})
    return _GUARDED[field_class]


def guard_ids(fields: dict[str, forms.Field]) -> None:
    """Give every model choice field (declared, subclassed or made by a ModelForm) the
    range check. The guarded class only adds a check before the usual lookup, so changing
    the field's class in place keeps everything else about it."""
    for field in fields.values():
        if isinstance(field, forms.ModelChoiceField) and not isinstance(field, _IdGuard):
            field.__class__ = _guarded(type(field))
