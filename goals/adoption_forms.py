"""The After go-live forms: an adoption measure, a month's value of one, the spreadsheet of
values, and the realised benefit. The rules beyond one field are the services'."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.form_styling import BootstrapFormMixin
from goals.adoption import NOTE_MAX, MeasureFigures
from goals.adoption_selectors import previous_month
from goals.forms import _date_field, _value_field
from goals.models import MEASURE_MAX, UNIT_MAX, AdoptionKind, AdoptionMeasure
from roles.models import Department


class MeasureForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Measure"),
        max_length=MEASURE_MAX,
        help_text=_("e.g. active users a week, orders entered in the CRM"),
    )
    unit = forms.CharField(label=_("Unit"), max_length=UNIT_MAX, help_text=_("e.g. people, %"))
    kind = forms.ChoiceField(label=_("What it counts"), choices=AdoptionKind.choices)
    target = _value_field(_("Target value"))
    higher_is_better = forms.TypedChoiceField(
        label=_("Direction"),
        choices=[("1", _("higher is better")), ("0", _("lower is better"))],
        coerce=lambda v: v == "1",
        initial="1",
    )

    @staticmethod
    def figures(data: dict[str, Any]) -> MeasureFigures:
        return MeasureFigures(
            data["name"], data["unit"], data["kind"], data["target"], data["higher_is_better"]
        )


class AdoptionValueForm(BootstrapFormMixin, forms.Form):
    measure = forms.ModelChoiceField(label=_("Measure"), queryset=AdoptionMeasure.objects.none())
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    month = forms.DateField(
        label=_("Month"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("YYYY-MM"),
    )
    value = _value_field(_("Value"))

    def __init__(self, *args: Any, measures: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = measures  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["month"].initial = previous_month(timezone.localdate())


class AdoptionImportForm(BootstrapFormMixin, forms.Form):
    # The rules of the file itself are checked in goals.adoption_imports.
    file = forms.FileField(
        label=_("Spreadsheet of adoption values (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        error_messages={"required": _("Choose the .xlsx file to import.")},
    )


class BenefitForm(BootstrapFormMixin, forms.Form):
    yearly_amount = _value_field(_("Realised benefit per year (¥)"), min_value=0)
    as_of = _date_field(_("As of"))
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("How it was estimated, e.g. fewer lost orders, less re-keying."),
    )
