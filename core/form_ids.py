"""Model multiple-choice fields that refuse an id no database column can hold.

Django looks the chosen ids up with `pk__in` as they are: on SQLite an id past 2**63 - 1
raises OverflowError inside the query (a server error, found by the Hypothesis tests),
where it should be an ordinary "not one of the choices". A single choice needs nothing:
Django 5.2's exact lookup already treats such an id as no match. Every form of the project
goes through `guard_ids`."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

BIGGEST_ID = 2**63 - 1


def _out_of_range(value: Any) -> bool:
    try:
        return abs(int(str(value).strip())) > BIGGEST_ID
    except (TypeError, ValueError):
        return False  # not a number at all: Django refuses it the usual way


class IdsChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]  # any model
    def _check_values(self, value: Any) -> Any:
        for pk in value:
            if _out_of_range(pk):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)  # type: ignore[misc]  # private, not in the stubs


def guard_ids(fields: dict[str, forms.Field]) -> None:
    """Give the multiple-choice fields (declared or made by a ModelForm) the range check.
    The guarded class only adds a check before the usual lookup, so changing the field's
    class in place keeps everything else about it."""
    for field in fields.values():
        if type(field) is forms.ModelMultipleChoiceField:
            field.__class__ = IdsChoiceField
