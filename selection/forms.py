"""Forms of the selection; the rules are checked again in selection.services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.form_styling import BootstrapFormMixin
from rollout.models import Rollout
from selection.models import CostBenefit, NegotiationEntry, Vendor, Weighting


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
