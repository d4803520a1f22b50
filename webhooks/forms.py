from django import forms
from django.utils.translation import gettext_lazy as _

from core.form_styling import BootstrapFormMixin
from webhooks.models import WebhookEndpoint


class EndpointForm(BootstrapFormMixin, forms.ModelForm[WebhookEndpoint]):
    """An endpoint to add. At least one event: the model's CheckConstraint says so here too
    (a ModelForm validates the constraints on its fields)."""

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "description", "on_decision", "on_task_verified", "on_commitment_changed"]
        help_texts = {
            "url": _("Where the events are posted, https://…; the receiver answers with 2xx."),
        }
