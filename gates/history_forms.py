"""The History page's filters: a GET form that keeps what was chosen. Kept apart from
forms.py, which holds the forms that write."""

from datetime import date
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from core.form_styling import BootstrapFormMixin
from gates.selectors.audit import KINDS, AuditFilter
from roles.models import User

if TYPE_CHECKING:  # the stubs' name for a str or a lazy translation
    from django.utils.functional import _StrOrPromise as StrOrPromise

# Dates outside these years are typing mistakes, and a year-1 date cannot be turned into
# a time in every time zone (a server error instead of a message).
FIRST, LAST = date(2000, 1, 1), date(2100, 12, 31)
DATE_ERRORS = {"invalid": _("Enter a date as YYYY-MM-DD, e.g. 2027-02-08.")}
IN_RANGE = [
    MinValueValidator(FIRST, message=_("Enter a date from 2000 to 2100.")),
    MaxValueValidator(LAST, message=_("Enter a date from 2000 to 2100.")),
]


def _date_field(label: "StrOrPromise") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        validators=IN_RANGE,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class HistoryFilterForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    person = forms.TypedChoiceField(label=_("Person"), required=False, coerce=int, empty_value=None)
    date_from = _date_field(_("From"))
    date_to = _date_field(_("To"))

    def __init__(self, *args: Any, people: dict[int, User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Choices from the people already read for the page: no query of its own.
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", _("All kinds")), *KINDS]
        cast(forms.ChoiceField, self.fields["person"]).choices = [
            ("", _("Everyone")),
            *((pk, str(person)) for pk, person in people.items()),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and first > last:
            self.add_error("date_to", _("The end date comes before the start date."))
        return data

    def filters(self) -> AuditFilter:
        """What was chosen and valid (a refused field filters nothing)."""
        data = getattr(self, "cleaned_data", {})
        return AuditFilter(
            kind=data.get("kind") or "",
            person_id=data.get("person"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
