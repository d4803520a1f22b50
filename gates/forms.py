"""The gates' forms: the executive's decision, the advice given before it, a criterion."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.fast_select import FastSelect, FastSelectMultiple
from core.form_choices import choices_when_shown
from core.form_styling import BootstrapFormMixin
from gates.decision_records import APPROACH_GATES, SELECTION_GATE, Records
from gates.models import Decision, Gate, GateAdvice
from roles import selectors as role_selectors
from roles.models import Department
from selection.models import Vendor
from selection.selectors import vendors_of_rollout
from work.models import ImplementationApproach, Task


class DecisionForm(BootstrapFormMixin, forms.Form):
    """The executive's decision. The hidden fields carry what the page showed (gate
    version, evidence fingerprint) and a one-time submission id against double submits.

    Only the chosen outcome's own fields count: the conditions for Go with conditions, the
    date for Hold, the work for Recycle. The page shows all of them without JavaScript, so
    a value left in another outcome's field is ignored, never an error nobody can see."""

    CONDITION_ROWS = 3

    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    decide_again_on = forms.DateField(
        label=_("Hold: decide again on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    recycle_work = forms.CharField(
        label=_("Recycle: the work to redo"), required=False, max_length=2000
    )
    recycle_phase = forms.ModelChoiceField(
        label=_("Recycle: the phase to redo"), queryset=Gate.objects.none(), required=False
    )
    recycle_tasks = forms.ModelMultipleChoiceField(
        label=_("Recycle: tasks done to reopen"),
        queryset=Task.objects.none(),
        required=False,
        help_text=_("Tasks claimed or verified done; their assignees are told why."),
        widget=FastSelectMultiple(attrs={"size": 6}),
    )
    vendor = forms.ModelChoiceField(
        label=_("Go: the vendor chosen"), queryset=Vendor.objects.none(), required=False
    )
    vendor_reason = forms.CharField(
        label=_("Why not the selection team's recommendation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    approach_style = forms.ChoiceField(
        label=_("Go: how the rollout goes"),
        choices=[("", "—"), *ImplementationApproach.Style.choices],
        required=False,
    )
    pilot_department = forms.ModelChoiceField(
        label=_("Pilot department (goes first)"),
        queryset=Department.objects.none(),
        required=False,
    )
    vendor_method = forms.CharField(
        label=_("The vendor's implementation method"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    gate_version = forms.IntegerField(widget=forms.HiddenInput)
    evidence_fingerprint = forms.CharField(max_length=64, widget=forms.HiddenInput)
    submission = forms.UUIDField(widget=forms.HiddenInput)

    GOES = (Decision.Outcome.GO, Decision.Outcome.GO_WITH_CONDITIONS)
    # Which outcomes each outcome-only field belongs to.
    OWN_FIELDS = {
        "decide_again_on": (Decision.Outcome.HOLD,),
        "recycle_work": (Decision.Outcome.RECYCLE,),
        "recycle_phase": (Decision.Outcome.RECYCLE,),
        "recycle_tasks": (Decision.Outcome.RECYCLE,),
        "vendor": GOES,
        "vendor_reason": GOES,
        "approach_style": GOES,
        "pilot_department": GOES,
        "vendor_method": GOES,
    }
    VENDOR_FIELDS = ("vendor", "vendor_reason")
    APPROACH_FIELDS = ("approach_style", "pilot_department", "vendor_method")

    def __init__(self, *args: Any, owners: Any, gate: Gate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rollout = gate.rollout
        fields: Any = self.fields  # the querysets are set on the model choice fields
        fields["recycle_phase"].queryset = rollout.gates.filter(order__lte=gate.order)
        done = Task.objects.filter(
            rollout=rollout, status__in=(Task.Status.CLAIMED, Task.Status.VERIFIED)
        ).order_by("title", "pk")
        fields["recycle_tasks"].queryset = done
        # Shown as (id, title) only: a big rollout has hundreds of done tasks, and whole
        # rows cost more to read than the select to write. A posted choice is still
        # checked against, and given to the service as, the tasks themselves.
        fields["recycle_tasks"].choices = lambda: list(done.values_list("pk", "title"))
        # Each gate shows only what its Go records: the vendor at the selection gate, the
        # approach at the contract and implementation gates.
        if gate.key == SELECTION_GATE:
            fields["vendor"].queryset = vendors_of_rollout(rollout=rollout)
        else:
            for name in self.VENDOR_FIELDS:
                del self.fields[name]
        if gate.key in APPROACH_GATES:
            fields["pilot_department"].queryset = role_selectors.departments_of_rollout(
                rollout=rollout
            )
        else:
            for name in self.APPROACH_FIELDS:
                del self.fields[name]
        for n in range(1, self.CONDITION_ROWS + 1):
            self.fields[f"condition_{n}"] = forms.CharField(
                label=_("Condition %(n)s") % {"n": n}, required=False, max_length=300
            )
            self.fields[f"owner_{n}"] = forms.ModelChoiceField(
                label=_("Owner of condition %(n)s") % {"n": n},
                queryset=owners,
                required=False,
                widget=FastSelect,
            )
            # The people read once for the three rows and the criterion form's confirmer.
            choices_when_shown(self, f"owner_{n}", owners)
            self.fields[f"due_{n}"] = forms.DateField(
                label=_("Condition %(n)s due") % {"n": n},
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
            for name in (f"condition_{n}", f"owner_{n}", f"due_{n}"):
                widget = self.fields[name].widget
                widget.attrs["class"] = (
                    "form-select form-select-sm"
                    if name.startswith("owner")
                    else "form-control form-control-sm"
                )

    def condition_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"condition_{n}"], self[f"owner_{n}"], self[f"due_{n}"])
            for n in range(1, self.CONDITION_ROWS + 1)
        ]

    def _condition_fields(self) -> list[str]:
        return [
            f"{part}_{n}"
            for n in range(1, self.CONDITION_ROWS + 1)
            for part in ("condition", "owner", "due")
        ]

    def _ignored(self, outcome: object) -> list[str]:
        """The fields of the outcomes not chosen."""
        ignored = [] if outcome == Decision.Outcome.GO_WITH_CONDITIONS else self._condition_fields()
        for name, outcomes in self.OWN_FIELDS.items():
            if outcome not in outcomes and name in self.fields:
                ignored.append(name)
        return ignored

    def has_vendor(self) -> bool:
        return "vendor" in self.fields

    def has_approach(self) -> bool:
        return "approach_style" in self.fields

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        outcome = data.get("outcome")
        for name in self._ignored(outcome):
            # Another outcome's field: neither its value nor its error counts (a mistyped
            # date under Hold must not refuse a Go). What was typed stays on the page.
            self.errors.pop(name, None)
            data[name] = None
        conditions = []
        if outcome == Decision.Outcome.GO_WITH_CONDITIONS:
            for n in range(1, self.CONDITION_ROWS + 1):
                text, owner, due = (
                    data.get(f"condition_{n}"),
                    data.get(f"owner_{n}"),
                    data.get(f"due_{n}"),
                )
                if not (text or owner or due):
                    continue
                if not (text and owner and due):
                    self.add_error(
                        f"condition_{n}",
                        _("Give each condition its text, an owner and a due date."),
                    )
                    continue
                conditions.append((text, owner, due))
        # The cleaned data is what decision_record takes: the rows as `conditions`.
        for name in self._condition_fields():
            data.pop(name, None)
        data["conditions"] = conditions
        data["recycle_work"] = data.get("recycle_work") or ""
        data["records"] = Records(
            vendor=data.pop("vendor", None),
            vendor_reason=data.pop("vendor_reason", None) or "",
            approach_style=data.pop("approach_style", None) or "",
            pilot_department=data.pop("pilot_department", None),
            vendor_method=data.pop("vendor_method", None) or "",
            recycle_phase=data.pop("recycle_phase", None),
            recycle_tasks=list(data.pop("recycle_tasks", None) or []),
        )
        return data


class AdviceForm(BootstrapFormMixin, forms.Form):
    advice = forms.ChoiceField(label=_("Your recommendation"), choices=GateAdvice.Advice.choices)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CriterionForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(label=_("Criterion"), max_length=200)
    confirmer: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Confirmed by"), queryset=None, widget=FastSelect
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirmer"].queryset = people  # type: ignore[attr-defined]  # ModelChoiceField
        # The people as the page read them for the decision form's condition owners.
        choices_when_shown(self, "confirmer", people)
