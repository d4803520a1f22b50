"""Forms for roles; the rules themselves are checked again in roles.services."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.form_styling import BootstrapFormMixin
from roles.models import Department, Role, Seat, User
from roles.selectors import people_choices
from roles.sign_in_refusals import sign_in_refusal


class PersonChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        department = f" · {obj.department.name}" if obj.department else ""
        return f"{obj} ({obj.username}){department}"


class RoleAssignForm(BootstrapFormMixin, forms.Form):
    person = PersonChoiceField(label=_("Person"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    department = forms.ModelChoiceField(
        label=_("Department (middle managers only)"),
        queryset=Department.objects.none(),
        required=False,
        help_text=_(
            "A department's middle manager is one of its people, named by the department's "
            "head or an administrator."
        ),
    )
    seat = forms.ChoiceField(
        label=_("Seat (selection team only)"),
        choices=[("", "---------"), *Seat.choices],
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        departments: Sequence[Department],
        all_roles: bool = True,
        **kwargs: Any,
    ) -> None:
        """`departments`: those whose middle manager the person filling in may name;
        `all_roles`: whether they give the other roles too (the executive, administrators)
        or only name middle managers (a department's head)."""
        super().__init__(*args, **kwargs)
        ids = [d.pk for d in departments]
        people = people_choices()
        if not all_roles:
            # A department's head picks among the department's people (and themselves).
            people = people.filter(Q(department_id__in=ids) | Q(headed_departments__in=ids))
        self.fields["person"].queryset = people.distinct()  # type: ignore[attr-defined]  # ModelChoiceField has it
        self.fields["department"].queryset = Department.objects.filter(  # type: ignore[attr-defined]  # ModelChoiceField has it
            pk__in=ids
        ).order_by("code")
        self.fields["role"].choices = [  # type: ignore[attr-defined]  # ChoiceField has it
            (value, label)
            for value, label in Role.choices
            if (value == Role.MANAGER and ids) or (value != Role.MANAGER and all_roles)
        ]
        if not all_roles:
            del self.fields["seat"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if role == Role.MANAGER and not data.get("department"):
            self.add_error("department", _("Choose the department this manager answers for."))
        if role != Role.MANAGER:
            data["department"] = None
        if role == Role.SELECTOR and not data.get("seat"):
            self.add_error("seat", _("Choose the seat this person fills."))
        if role != Role.SELECTOR:
            data["seat"] = ""
        return data


class RoleEndForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Why this role ends (optional)")}),
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False)


class SignInForm(AuthenticationForm):
    """Django's sign-in form, saying why when a back-end knew (roles/sign_in_refusals.py)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Your username and password didn't match. Please try again."),
    }

    def get_invalid_login_error(self) -> ValidationError:
        reason = sign_in_refusal(self.request)
        if reason:
            return ValidationError(reason, code="refused")
        return super().get_invalid_login_error()
