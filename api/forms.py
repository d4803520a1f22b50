from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.form_styling import BootstrapFormMixin


class ApiTokenForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What uses it, e.g. “weekly report script”.")
    )
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The settings are read per form, not at import, and the text is in the page's language.
        longest = settings.ROLLOUT_API_TOKEN_MAX_DAYS
        days = self.fields["days"]
        days.initial = settings.ROLLOUT_API_TOKEN_DAYS
        days.validators.append(MaxValueValidator(longest))
        days.widget.attrs["max"] = str(longest)
        days.help_text = gettext("At most %(days)s days.") % {"days": longest}
