"""Forms of the work app; the rules themselves are checked again in the services."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.form_styling import BootstrapFormMixin
from roles.models import User
from rollout.models import Rollout
from work.models import Objective, Task, Workstream
from work.qualities import LEVELS, QUALITIES
from work.upload_checks import allowed_suffixes


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Django's documented way to accept several files in one field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class TaskLogForm(BootstrapFormMixin, forms.Form):
    work_date = forms.DateField(
        label=_("Date worked"), widget=forms.DateInput(attrs={"type": "date"})
    )
    hours = forms.DecimalField(
        label=_("Hours"),
        max_digits=4,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0.01"), message=_("Hours must be more than 0.")),
            MaxValueValidator(Decimal("24"), message=_("A day has at most 24 hours.")),
        ],
        widget=forms.NumberInput(attrs={"step": "0.25", "min": "0.25", "max": "24"}),
    )
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"step": "5", "min": "0", "max": "100"}),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
    evidence = MultipleFileField(label=_("Evidence files"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["work_date"].initial = timezone.localdate
        # Formatted here, per request: `%` on a lazy string in the class body turned it into
        # plain text once, at import, in English, so Chinese pages showed it in English.
        self.fields["evidence"].help_text = gettext(
            "Optional. Accepted: %(types)s; up to 10 MB each."
        ) % {"types": allowed_suffixes()}


class SendBackForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is it sent back?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Say why the task is sent back, so the member knows what to fix.")
        },
    )


class CorrectionForm(BootstrapFormMixin, forms.Form):
    hours_change = forms.DecimalField(
        label=_("Change in hours"),
        max_digits=4,
        decimal_places=2,
        min_value=Decimal("-24"),
        max_value=Decimal("24"),
        help_text=_("Negative to remove hours, positive to add."),
    )
    reason = forms.CharField(label=_("What is corrected"), max_length=2000)


class ObjectiveForm(BootstrapFormMixin, forms.ModelForm[Objective]):
    class Meta:
        model = Objective
        fields = ["department", "title", "target", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, departments: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if departments is not None:
            self.fields["department"].queryset = departments  # type: ignore[attr-defined]  # a ModelChoiceField


class WorkstreamForm(BootstrapFormMixin, forms.ModelForm[Workstream]):
    class Meta:
        model = Workstream
        fields = ["name", "description", "is_core", "departments"]
        widgets = {
            "departments": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 2}),
        }


class TaskForm(BootstrapFormMixin, forms.ModelForm[Task]):
    class Meta:
        model = Task
        fields = [
            "title",
            "description",
            "workstream",
            "objective",
            "department",
            "assignees",
            "due_date",
            "estimate_hours",
            "priority",
            "blocked_by",
        ]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self,
        *args: Any,
        rollout: Rollout,
        departments: Any,
        members: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        limits = {
            "workstream": Workstream.objects.filter(rollout=rollout),
            "objective": Objective.objects.filter(rollout=rollout),
            "department": departments,
            "assignees": members,
            "blocked_by": Task.objects.filter(rollout=rollout).order_by("title"),
        }
        for name, queryset in limits.items():
            self.fields[name].queryset = queryset  # type: ignore[attr-defined]  # model choice fields


class TaskImportForm(BootstrapFormMixin, forms.Form):
    # The rules of the file itself are checked in work.imports.
    file = forms.FileField(
        label=_("Filled-in template (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        error_messages={"required": _("Choose the .xlsx file to import.")},
    )


class QualityReviewForm(BootstrapFormMixin, forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=User.objects.none())
    period = forms.DateField(
        label=_("Month"),
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        help_text=_("The month reviewed."),
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]  # ModelChoiceField
        for code, label, help_text in QUALITIES:
            self.fields[code] = forms.TypedChoiceField(
                label=label,
                help_text=help_text,
                choices=[("", "---------"), *LEVELS.items()],
                coerce=int,
            )
            self.fields[code].widget.attrs["class"] = "form-select"


# --- editing what was planned (work.edit_services) --------------------------------------


class VersionField(forms.CharField):
    """What the form was opened on (edit_services.*_version): a save on a form opened
    before someone else's is refused. Empty counts as outdated, never as "don't check"."""

    widget = forms.HiddenInput

    def __init__(self) -> None:
        super().__init__(required=False, max_length=64)


class TaskEditForm(TaskForm):
    version = VersionField()

    def __init__(self, *args: Any, task: Task, **kwargs: Any) -> None:
        super().__init__(*args, rollout=task.rollout, **kwargs)
        blocked_by = self.fields["blocked_by"]
        blocked_by.queryset = blocked_by.queryset.exclude(pk=task.pk)  # type: ignore[attr-defined]  # a ModelMultipleChoiceField
        self.fields["workstream"].help_text = _(
            "A task is core work when its workstream is a core process."
        )


class ObjectiveEditForm(ObjectiveForm):
    version = VersionField()


class WorkstreamEditForm(WorkstreamForm):
    version = VersionField()
