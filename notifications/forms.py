"""The bell page's form: how a person wants their reminders e-mailed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.form_styling import BootstrapFormMixin
from roles.models import EmailDigest


class NotificationPreferencesForm(BootstrapFormMixin, forms.Form):
    email_reminders = forms.BooleanField(label=_("E-mail me my reminders"), required=False)
    email_digest = forms.ChoiceField(label=_("How often"), choices=EmailDigest.choices)
