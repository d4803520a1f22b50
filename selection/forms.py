"""Forms of the selection; the rules are checked again in selection.services."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.form_styling import BootstrapFormMixin
from roles.models import Department
from rollout.models import Rollout
from selection.models import (
    HIGHEST_HOURLY_RATE,
    CostBenefit,
    Criterion,
    NegotiationEntry,
    Vendor,
    Weighting,
)
from selection.money import Scenario


class VendorForm(BootstrapFormMixin, forms.ModelForm[Vendor]):
    class Meta:
        model = Vendor
        fields = [
            "name", "reputation", "years_in_business", "revenue_band", "comparable_customers",
            "cloud", "browser_server", "domestic", "modules", "implementation_method",
            "implementation_weeks", "support_hours", "sla", "local_presence", "subscription",
            "price_per_user_year", "users", "implementation_fee",
        ]  # fmt: skip


class WeightsForm(BootstrapFormMixin, forms.ModelForm[Weighting]):
    class Meta:
        model = Weighting
        fields = ["company", "product", "implementation", "service", "price", "price_cap"]

    def _post_clean(self) -> None:
        # The sum and the cap are checked by the service, with a message naming the figures.
        pass


class CostBenefitForm(BootstrapFormMixin, forms.ModelForm[CostBenefit]):
    class Meta:
        model = CostBenefit
        fields = ["years", "discount_rate", "training", "hardware", "yearly_benefit"]

    def _post_clean(self) -> None:
        pass


class NegotiationForm(BootstrapFormMixin, forms.Form):
    vendor = forms.ModelChoiceField(label=_("Vendor"), queryset=Vendor.objects.none())
    kind = forms.ChoiceField(label=_("What"), choices=NegotiationEntry.Kind.choices)
    text = forms.CharField(label=_("Details"), max_length=500)
    price_per_user_year = forms.DecimalField(
        label=_("Price per user and year (¥)"), required=False, max_digits=14, decimal_places=2
    )
    final = forms.BooleanField(label=_("This is the final offer"), required=False)

    def __init__(self, *args: Any, rollout: Rollout, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The rollout's own manager: the chosen vendor's .rollout is the view's checked
        # instance, so negotiation_add reads the seats from its marks (selection.seats).
        self.fields["vendor"].queryset = rollout.vendors.all()  # type: ignore[attr-defined]  # ModelChoiceField


class RecommendationForm(BootstrapFormMixin, forms.Form):
    vendor = forms.ModelChoiceField(label=_("Recommended vendor"), queryset=Vendor.objects.none())
    reasoning = forms.CharField(
        label=_("Reasoning"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, rollout: Rollout, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vendor"].queryset = Vendor.objects.filter(rollout=rollout)  # type: ignore[attr-defined]  # ModelChoiceField


class ScenarioForm(BootstrapFormMixin, forms.Form):
    """A what-if on the cost-benefit, sent by GET so the page's address can be shared."""

    delay = forms.IntegerField(
        label=_("Go-live delayed by (months)"), min_value=0, max_value=36, initial=0
    )
    implementation = forms.DecimalField(
        label=_("Implementation cost change (%)"),
        min_value=Decimal("-90"),
        max_value=Decimal("300"),
        decimal_places=1,
        initial=0,
    )
    benefit = forms.DecimalField(
        label=_("Yearly benefit change (%)"),
        min_value=Decimal("-100"),
        max_value=Decimal("300"),
        decimal_places=1,
        initial=0,
    )

    def scenario(self) -> Scenario | None:
        """The scenario asked for, or None when the form is not filled in or is refused."""
        if not self.is_bound or not self.is_valid():
            return None
        data = self.cleaned_data
        return Scenario(
            delay_months=data["delay"],
            implementation_percent=data["implementation"],
            benefit_percent=data["benefit"],
        )


class DepartmentRateForm(BootstrapFormMixin, forms.Form):
    """One department's hourly rate, one form a department on the rates page."""

    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), widget=forms.HiddenInput
    )
    hourly_rate = forms.DecimalField(
        label=_("Hourly rate (¥)"),
        min_value=Decimal("0"),
        max_value=HIGHEST_HOURLY_RATE,
        max_digits=14,
        decimal_places=2,
    )

    def __init__(self, *args: Any, departments: "QuerySet[Department]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]  # ModelChoiceField

    @property
    def department_pk(self) -> str:
        """The department the refused form was for, as posted (to show it on its row)."""
        return str(self.data.get("department", ""))


class CriterionEditForm(BootstrapFormMixin, forms.ModelForm[Criterion]):
    """Rename or reweight a criterion; the service checks the lock and the seat."""

    class Meta:
        model = Criterion
        fields = ["text_en", "text_zh_hans", "guide_en", "guide_zh_hans", "weight"]

    def _post_clean(self) -> None:
        # The model's rules are checked by the service, which also keeps the history.
        pass


class CriterionForm(CriterionEditForm):
    """A new criterion: which dimension it belongs to and which seat scores it, once."""

    class Meta(CriterionEditForm.Meta):
        fields = ["dimension", "seat", *CriterionEditForm.Meta.fields]
