"""Forms of the risk register; the rules themselves are checked again in the services."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.form_styling import BootstrapFormMixin
from core.localized import localized
from risks.models import HIGHEST, LOWEST, Risk
from risks.starters import STARTERS
from roles.models import User

SCALE = [(n, str(n)) for n in range(LOWEST, HIGHEST + 1)]


class RiskForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Risk"),
        max_length=200,
        error_messages={"required": _("Say what the risk is.")},
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    likelihood = forms.TypedChoiceField(
        label=_("Likelihood (1–5)"), choices=SCALE, coerce=int, initial=3
    )
    impact = forms.TypedChoiceField(label=_("Impact (1–5)"), choices=SCALE, coerce=int, initial=3)
    mitigation = forms.CharField(
        label=_("Mitigation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What is done against it, or why it is borne."),
    )
    due_date = forms.DateField(
        label=_("Mitigation due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Without a date, no reminder."),
    )

    def __init__(self, *args: Any, people: "QuerySet[User]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people  # type: ignore[attr-defined]  # ModelChoiceField


class RiskEditForm(RiskForm):
    status = forms.ChoiceField(label=_("Status"), choices=Risk.Status.choices)


class StartersForm(BootstrapFormMixin, forms.Form):
    """The article's risks not yet in the register, to add with one click."""

    starters = forms.MultipleChoiceField(
        label=_("The article's risks"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one of the article's risks.")},
    )

    def __init__(self, *args: Any, taken: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (s.key, localized(s.title_en, s.title_zh_hans)) for s in STARTERS if s.key not in taken
        ]
        self.fields["starters"].choices = choices  # type: ignore[attr-defined]  # a choice field
        self.fields["starters"].initial = [key for key, _label in choices]


class ReviewForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Note (what was decided)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
