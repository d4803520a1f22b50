from django import forms
from django.utils.translation import gettext_lazy as _

from core.form_styling import BootstrapFormMixin
from webhooks.addresses import AddressRefused, address_check
from webhooks.models import WebhookEndpoint


class EndpointForm(BootstrapFormMixin, forms.ModelForm[WebhookEndpoint]):
    """An endpoint to add. At least one event: the model's CheckConstraint says so here too
    (a ModelForm validates the constraints on its fields)."""

    # An address typed without its scheme is read as https (Django 6's default already).
    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Where the events are posted, https://…; the receiver answers with 2xx."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "description", "on_decision", "on_task_verified", "on_commitment_changed"]

    def clean_url(self) -> str:
        """The service's own check (endpoint_create), on the field: Django's URL validator
        takes a port such as 99999, which no connection can use."""
        url: str = self.cleaned_data["url"]
        try:
            address_check(url, resolve=False)
        except AddressRefused as refusal:
            raise forms.ValidationError(str(refusal), code="address") from refusal
        return url
