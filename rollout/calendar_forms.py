"""Forms of the working calendar's page. The rules are the services' (rollout/services/
calendar.py); these only turn what was typed into dates and names."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.form_styling import BootstrapFormMixin

HOLIDAY, MAKE_UP = "holiday", "make_up"


class CalendarDayForm(BootstrapFormMixin, forms.Form):
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, e.g. 2027-02-08.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of day"),
        choices=[
            (HOLIDAY, _("Public holiday (a day off)")),
            (MAKE_UP, _("Make-up working day on a weekend (调休)")),
        ],
        initial=HOLIDAY,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    name_en = forms.CharField(
        label=_("Name (English)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "Spring Festival"}),
    )
    name_zh_hans = forms.CharField(
        label=_("Name (Simplified Chinese)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "春节"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        named = data.get("name_en", "").strip() or data.get("name_zh_hans", "").strip()
        if not named and not {"name_en", "name_zh_hans"} & set(self.errors):
            self.add_error("name_en", _("Name the day, in either language."))
        data["is_working"] = data.get("kind") == MAKE_UP
        return data


class KnownUntilForm(BootstrapFormMixin, forms.Form):
    known_until = forms.DateField(
        label=_("Holidays known until"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, e.g. 2027-12-31.")},
        help_text=_(
            "When a year's official notice is entered in full, set this to 31 December of "
            "that year."
        ),
    )


class IcsImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Holiday calendar (.ics)"),
        widget=forms.FileInput(attrs={"accept": ".ics,text/calendar"}),
        error_messages={
            "required": _("Choose an .ics file, e.g. one exported from Outlook or Google."),
            "empty": _("The file is empty: there is no day to import."),
        },
        help_text=_(
            "All-day events become public holidays; an event whose name says 调休, 上班 or "
            "make-up working day becomes a make-up working day. Days already in the "
            "calendar are left as they are."
        ),
    )
