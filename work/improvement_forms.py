"""The forms of a department's improvement backlog; the rules are checked again in
work.improvement_services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.form_styling import BootstrapFormMixin
from roles.models import Department, User
from work.improvements import ImprovementKind, ImprovementStatus


class ImprovementForm(BootstrapFormMixin, forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    title = forms.CharField(
        label=_("What is to be improved"),
        max_length=200,
        help_text=_("e.g. “Every new customer has a complete address”."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ImprovementKind.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("The department's middle manager"),
        help_text=_("The department's middle manager or one of its implementation members."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, departments: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["owner"].queryset = people  # type: ignore[attr-defined]  # ModelChoiceField


class ImprovementStatusForm(forms.Form):
    """The status picker on each item the person owns, with the reason for dropping."""

    status = forms.ChoiceField(label=_("Status"), choices=ImprovementStatus.choices)
    reason = forms.CharField(label=_("Reason for dropping"), max_length=300, required=False)


class BacklogFilterForm(forms.Form):
    """The filters in the URL of the Backlog page (a GET form)."""

    department = forms.TypedChoiceField(
        label=_("Department"), coerce=int, required=False, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *ImprovementStatus.choices],
        required=False,
    )

    def __init__(self, *args: Any, departments: list[Department], **kwargs: Any) -> None:
        """`departments` already loaded: the choices cost no query."""
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [  # type: ignore[attr-defined]  # TypedChoiceField
            ("", _("All departments")),
            *((d.pk, d.name) for d in departments),
        ]
