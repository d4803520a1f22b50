"""Forms of the staffing pages; the rules themselves are checked again in
staffing.services."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.form_styling import BootstrapFormMixin
from roles.models import Department, User
from staffing.models import Purpose, StanceAssessment


class StaffingRequestForm(BootstrapFormMixin, forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    hours_per_week = forms.DecimalField(
        label=_("Hours per week"), max_digits=5, decimal_places=1, min_value=Decimal("0.5")
    )
    start_date = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]  # ModelChoiceField

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date comes before the start date."))
        return data


class StaffingAnswerForm(BootstrapFormMixin, forms.Form):
    """One row per person of the department: hours a week, or a share of their capacity."""

    reason = forms.CharField(
        label=_("Reason (required when you commit less, or decline)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = people
        for person in people:
            self.fields[f"hours_{person.pk}"] = forms.DecimalField(
                label=_("Hours a week for %(person)s") % {"person": person},
                required=False,
                min_value=Decimal("0"),
                max_value=Decimal("80"),
                decimal_places=1,
            )
            self.fields[f"share_{person.pk}"] = forms.IntegerField(
                label=_("or %% of %(person)s's capacity") % {"person": person},
                required=False,
                min_value=0,
                max_value=100,
            )
        for name, field in self.fields.items():
            if name != "reason":
                field.widget.attrs["class"] = "form-control form-control-sm"

    def rows(self) -> list[tuple[User, Any, Any]]:
        return [(p, self[f"hours_{p.pk}"], self[f"share_{p.pk}"]) for p in self.people]

    def commitments(self) -> list[tuple[User, Decimal]]:
        """(person, hours a week) for every row filled in; a share becomes hours."""
        result = []
        for person in self.people:
            hours = self.cleaned_data.get(f"hours_{person.pk}")
            share = self.cleaned_data.get(f"share_{person.pk}")
            if not hours and share:
                hours = (person.weekly_capacity_hours * share / 100).quantize(Decimal("0.1"))
            if hours:
                result.append((person, hours))
        return result


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000)


class CommitmentChangeForm(BootstrapFormMixin, forms.Form):
    hours_per_week = forms.DecimalField(
        label=_("New hours per week"), max_digits=4, decimal_places=1, min_value=Decimal("0.5")
    )
    from_date = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=2000)


class PullBackForm(BootstrapFormMixin, forms.Form):
    from_date = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=2000)


class StanceForm(BootstrapFormMixin, forms.Form):
    manager = forms.ModelChoiceField(label=_("Middle manager"), queryset=User.objects.none())
    stance = forms.ChoiceField(label=_("Stance"), choices=StanceAssessment.Stance.choices)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, managers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = managers  # type: ignore[attr-defined]  # ModelChoiceField
