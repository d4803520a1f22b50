"""The forms of a workstream's walls; the rules are checked again in work.wall_services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.form_styling import BootstrapFormMixin
from roles.models import Department, User
from work.walls import HandoffState, OldWayKind


class HandoffForm(BootstrapFormMixin, forms.Form):
    from_department = forms.ModelChoiceField(
        label=_("Handing department"), queryset=Department.objects.none()
    )
    to_department = forms.ModelChoiceField(
        label=_("Receiving department"), queryset=Department.objects.none()
    )
    what = forms.CharField(
        label=_("What is handed over"),
        max_length=200,
        help_text=_("e.g. “Confirmed order with the delivery date”."),
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    state = forms.ChoiceField(label=_("State"), choices=HandoffState.choices)

    def __init__(self, *args: Any, departments: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("from_department", "to_department"):
            self.fields[name].queryset = departments  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["owner"].queryset = people  # type: ignore[attr-defined]  # ModelChoiceField


class OldWayForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OldWayKind.choices)
    description = forms.CharField(
        label=_("Old way"),
        max_length=300,
        help_text=_("e.g. “The hand-filled order form”, “Re-keying orders into the ERP”."),
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    retire_by = forms.DateField(
        label=_("Retire by"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people  # type: ignore[attr-defined]  # ModelChoiceField


class HandoffStateForm(forms.Form):
    """The state picker on each hand-off row of the Walls page."""

    state = forms.ChoiceField(label=_("State"), choices=HandoffState.choices)
