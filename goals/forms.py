"""The Goal page's forms: the goal's words, a target (new or changed), an actual value, and
the spreadsheet of actual values. The rules beyond one field are the services'."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.form_styling import BootstrapFormMixin
from goals.models import (
    MEASURE_MAX,
    UNIT_MAX,
    VALUE_DIGITS,
    VALUE_PLACES,
    GoalTarget,
    plain,
)
from goals.services import GOAL_MAX, TargetFigures
from roles.models import User

if TYPE_CHECKING:  # only in django-stubs: a label given as lazy text
    from django.utils.functional import _StrOrPromise as StrOrPromise


def _date_field(label: "StrOrPromise", **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
    )


def _value_field(label: "StrOrPromise", **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, **kwargs
    )


class GoalTextForm(BootstrapFormMixin, forms.Form):
    goal = forms.CharField(
        label=_("The goal"),
        max_length=GOAL_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the rollout is for, in the business's words; the targets measure it."),
    )


class TargetForm(BootstrapFormMixin, forms.Form):
    measure = forms.CharField(
        label=_("Measure"),
        max_length=MEASURE_MAX,
        help_text=_("e.g. lead-to-order time, share of orders entered in the CRM"),
    )
    unit = forms.CharField(label=_("Unit"), max_length=UNIT_MAX, help_text=_("e.g. days, %"))
    baseline = _value_field(_("Baseline"), help_text=_("Where the measure stands today."))
    target = _value_field(_("Target value"), help_text=_("Where it must get to."))
    due_date = _date_field(_("Due date"))
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people  # type: ignore[attr-defined]  # ModelChoiceField

    @classmethod
    def of(cls, target: GoalTarget, *, people: Any) -> "TargetForm":
        """The form filled with what the target says now."""
        initial = {
            "measure": target.measure,
            "unit": target.unit,
            "baseline": plain(target.baseline),
            "target": plain(target.target),
            "due_date": target.due_date,
            "owner": target.owner_id,
        }
        return cls(initial=initial, people=people)

    @staticmethod
    def figures(data: dict[str, Any]) -> TargetFigures:
        return TargetFigures(
            measure=data["measure"],
            unit=data["unit"],
            baseline=data["baseline"],
            target=data["target"],
            due_date=data["due_date"],
            owner=data["owner"],
        )


class ActualForm(BootstrapFormMixin, forms.Form):
    as_of = _date_field(_("As of"))
    value = _value_field(_("Actual value"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["as_of"].initial = timezone.localdate


class ActualsImportForm(BootstrapFormMixin, forms.Form):
    # The rules of the file itself are checked in goals.imports.
    file = forms.FileField(
        label=_("Spreadsheet of actual values (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        error_messages={"required": _("Choose the .xlsx file to import.")},
    )
