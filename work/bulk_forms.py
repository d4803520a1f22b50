"""The board's bulk change: the selected tasks get one new assignee or one new due date."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.form_styling import BootstrapFormMixin
from roles.models import User
from work.list_choices import PlainSelect, RowChoiceField

# The board's URL parameter naming the tasks ticked when a change was refused.
TICKED = "ticked"


class BulkChangeForm(BootstrapFormMixin, forms.Form):
    """Which change, and its value; the tasks are the board's checkboxes (`tasks`), read by
    the view with the one id parser."""

    REASSIGN = "reassign"
    REDATE = "redate"
    # What a refused change carries back to the board, as posted (prefixed names).
    TYPED = ("bulk-change", "bulk-assignee", "bulk-due_date")

    change = forms.ChoiceField(
        label=_("Change"),
        choices=[(REASSIGN, _("Reassign to")), (REDATE, _("Set the due date to"))],
        widget=PlainSelect,
    )
    assignee = RowChoiceField(label=_("New assignee"), required=False)
    due_date = forms.DateField(
        label=_("New due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, members: Sequence[User], **kwargs: Any) -> None:
        # Prefixed: the board's filter form beside it has an assignee field too.
        super().__init__(*args, prefix="bulk", **kwargs)
        cast(RowChoiceField, self.fields["assignee"]).offer(members, str(_("Choose a member")))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        change = data.get("change")
        if change == self.REASSIGN and not data.get("assignee"):
            self.add_error("assignee", _("Choose the member the tasks go to."))
        if change == self.REDATE and not data.get("due_date"):
            self.add_error("due_date", _("Choose the new due date."))
        return data
