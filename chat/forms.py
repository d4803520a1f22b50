"""The channel form: the webhook URL and the secret are write-only (never filled in again;
empty keeps what is stored)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chat.models import ChatChannel, ChatPlatform
from chat.robots import robot_url_problem
from core.form_styling import BootstrapFormMixin


class ChatChannelForm(BootstrapFormMixin, forms.ModelForm[ChatChannel]):
    webhook_url = forms.URLField(
        label=_("Webhook URL"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Shown once by the platform when the robot is added. Never shown here again."),
    )
    secret = forms.CharField(
        label=_("Signing secret"),
        required=False,
        max_length=200,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("DingTalk and Feishu, when the robot signs its messages. Never shown again."),
    )

    class Meta:
        model = ChatChannel
        fields = [
            "name",
            "platform",
            "keyword",
            "language",
            "send_reminders",
            "send_escalations",
            "send_decisions",
            "active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stored = self.instance.pk is not None
        if stored:
            hint = self.instance.webhook_hint
            self.fields["webhook_url"].help_text = _(
                "Set (ends with …%(hint)s). Empty keeps it; type a new one to replace it."
            ) % {"hint": hint}
            if self.instance.secret_sealed:
                self.fields["secret"].help_text = _(
                    "Set. Empty keeps it; type a new one to replace it."
                )
        else:
            self.fields["webhook_url"].required = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        url, platform = cleaned.get("webhook_url"), cleaned.get("platform")
        if url and platform in ChatPlatform.values:
            problem = robot_url_problem(platform, url)
            if problem is not None:
                self.add_error("webhook_url", problem)
        return cleaned


class ChatHandlesForm(BootstrapFormMixin, forms.Form):
    """A person's own ids on the platforms, for @-mentions; empty: none."""

    wecom = forms.CharField(label=_("WeCom userid"), required=False, max_length=80, strip=True)
    dingtalk = forms.CharField(label=_("DingTalk userId"), required=False, max_length=80)
    feishu = forms.CharField(
        label=_("Feishu open_id"),
        required=False,
        max_length=80,
        help_text=_("Begins with ou_."),
    )
