"""The gates' admin, and the Rollout's: creating a rollout goes through gates.setup, which
names its executive and sets up its gates and selection in one transaction. Decisions are
written once (the database refuses a change), so RecordAdmin shows them read-only."""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdmin

from core.admin_base import RecordAdmin, RefusalsShownOnTheForm
from gates.models import Decision, DecisionCondition, DecisionMailing, Gate
from gates.setup import rollout_create
from notifications.mail_admin import MailOutboxAdmin
from roles.models import User
from rollout.models import Rollout


class RolloutAddForm(forms.ModelForm[Rollout]):
    executive = forms.ModelChoiceField(
        label=_("Executive"), queryset=User.objects.filter(is_active=True)
    )

    class Meta:
        model = Rollout
        fields = ["name", "company", "goal"]


# Registered here rather than in rollout/admin.py: creating a rollout names its executive
# and sets up its gates and selection (gates.setup), and rollout depends on none of them.
@admin.register(Rollout)
# guardian's mixin types change_form_template as str, ModelAdmin as str | None: the same at run
# time, but mypy sees both once the ModelAdmin-typed mixin comes first.
class RolloutAdmin(RefusalsShownOnTheForm, GuardedModelAdmin):  # type: ignore[misc]
    list_display = ["name", "company", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "company", "goal"]

    def get_form(
        self, request: HttpRequest, obj: Rollout | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = RolloutAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def save_model(self, request: HttpRequest, obj: Rollout, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = rollout_create(
            by=request.user,  # type: ignore[arg-type]  # the admin is behind login
            name=obj.name,
            company=obj.company,
            goal=obj.goal,
            executive=form.cleaned_data["executive"],
        )
        obj.pk = created.pk


@admin.register(Gate)
class GateAdmin(RecordAdmin):
    list_display = ["name_en", "rollout", "order", "status", "opened_at"]
    list_filter = ["rollout", "status"]
    search_fields = ["name_en", "name_zh_hans"]


@admin.register(Decision)
class DecisionAdmin(RecordAdmin):
    list_display = ["gate", "outcome", "decided_by", "created_at"]
    list_filter = ["outcome"]
    search_fields = ["reason", "gate__name_en"]


@admin.register(DecisionCondition)
class DecisionConditionAdmin(RecordAdmin):
    list_display = ["text", "owner", "due_date"]
    search_fields = ["text"]


@admin.register(DecisionMailing)
class DecisionMailingAdmin(MailOutboxAdmin):
    list_display = ["decision", *MailOutboxAdmin.outbox_columns]
    list_select_related = ["decision__gate"]
    search_fields = ["decision__gate__name_en", "decision__gate__name_zh_hans", "last_error"]
