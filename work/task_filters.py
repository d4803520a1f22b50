"""Filters and sort of a task list (the board, the plan, My tasks), read from the URL's query
string, so a filtered view is a link that can be bookmarked and shared. A value that is not
one of the choices (a department of another rollout, a status that does not exist, text
where an id goes) is ignored and the page says so: never a server error."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django import forms
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import QueryDict
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.form_styling import BootstrapFormMixin
from roles.models import Department, User
from work.list_choices import PlainSelect, RowChoiceField
from work.models import Task, Workstream

# The order a task goes through; "sent back" sits beside "claimed", before it is done.
STATUS_ORDER = [
    Task.Status.OPEN,
    Task.Status.IN_PROGRESS,
    Task.Status.CLAIMED,
    Task.Status.SENT_BACK,
    Task.Status.VERIFIED,
]

SORTS: dict[str, tuple[str, ...]] = {
    "due": ("due_date", "-priority", "pk"),
    "-due": ("-due_date", "-priority", "pk"),
    "priority": ("-priority", "due_date", "pk"),
    "status": ("status_rank", "due_date", "pk"),
    "title": ("title", "pk"),
}

# The query parameters a filter form reads; everything else (page, view) is left to the page.
FILTER_PARAMS = ("department", "assignee", "status", "workstream", "core", "overdue", "sort")


def status_rank() -> Case:
    return Case(
        *(When(status=s, then=Value(n)) for n, s in enumerate(STATUS_ORDER)),
        output_field=IntegerField(),
    )


class TaskFilterForm(BootstrapFormMixin, forms.Form):
    """A GET form: each field is optional, and a field whose value is not a choice is left
    out (and named in the page's message) while the valid ones still apply."""

    department = RowChoiceField(label=_("Department"), required=False)
    assignee = RowChoiceField(label=_("Assignee"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *Task.Status.choices],
        required=False,
        widget=PlainSelect,
    )
    workstream = RowChoiceField(label=_("Workstream"), required=False)
    core = forms.ChoiceField(
        label=_("Core work"),
        choices=[("", _("Core or not")), ("yes", _("Core only")), ("no", _("Not core"))],
        required=False,
        widget=PlainSelect,
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    sort = forms.ChoiceField(
        widget=PlainSelect,
        label=_("Sort by"),
        choices=[
            ("", _("Default order")),
            ("due", _("Due date, soonest first")),
            ("-due", _("Due date, latest first")),
            ("priority", _("Priority, highest first")),
            ("status", _("Status")),
            ("title", _("Title")),
        ],
        required=False,
    )

    def __init__(
        self,
        data: QueryDict,
        *,
        departments: Sequence[Department] | None,
        members: Sequence[User] | None,
        workstreams: Sequence[Workstream],
    ) -> None:
        picked = {k: data.get(k, "") for k in FILTER_PARAMS if k in data}
        super().__init__(picked, auto_id="filter-%s")
        # A list that does not offer a choice (My tasks has one assignee) drops the field.
        if departments is None:
            del self.fields["department"]
        else:
            self._offer("department", departments, _("All departments"))
        if members is None:
            del self.fields["assignee"]
        else:
            self._offer("assignee", members, _("Anyone"))
        self._offer("workstream", workstreams, _("All workstreams"))

    def _offer(self, name: str, rows: Sequence[Any], empty_label: str | Promise) -> None:
        cast(RowChoiceField, self.fields[name]).offer(rows, str(empty_label))


@dataclass(frozen=True)
class TaskFilter:
    """What a list is filtered and sorted by, from the valid fields of the form; `ignored`
    names the fields whose value was not understood."""

    department: Department | None = None
    assignee: User | None = None
    status: str = ""
    workstream: Workstream | None = None
    core: str = ""
    overdue: bool = False
    sort: str = ""
    ignored: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return any(
            (self.department, self.assignee, self.status, self.workstream, self.core, self.overdue)
        )

    def key(self) -> str:
        """The filters as they change the query (not the fields they ignored), stable: for
        the page cache's keys of the lists filtered by them."""

        def pk(row: object) -> str:
            return str(getattr(row, "pk", "")) if row is not None else ""

        return "|".join(
            [
                pk(self.department),
                pk(self.assignee),
                self.status,
                pk(self.workstream),
                self.core,
                "1" if self.overdue else "",
                self.sort,
            ]
        )

    def apply(self, tasks: QuerySet[Task]) -> QuerySet[Task]:
        """The tasks that pass every filter; sorted by `sort` when one was chosen (else the
        list keeps its own order)."""
        wanted = Q()
        if self.department is not None:
            wanted &= Q(department_id=self.department.pk)
        if self.assignee is not None:
            wanted &= Q(assignees=self.assignee.pk)
        if self.status:
            wanted &= Q(status=self.status)
        if self.workstream is not None:
            wanted &= Q(workstream_id=self.workstream.pk)
        if self.core:
            wanted &= Q(workstream__is_core=self.core == "yes")
        if self.overdue:
            wanted &= Q(due_date__lt=timezone.localdate()) & ~Q(status=Task.Status.VERIFIED)
        tasks = tasks.filter(wanted)
        return self.sorted(tasks)

    def sorted(self, tasks: QuerySet[Task]) -> QuerySet[Task]:
        if self.sort not in SORTS:
            return tasks
        if self.sort == "status":
            tasks = tasks.annotate(status_rank=status_rank())
        return tasks.order_by(*SORTS[self.sort])


def task_filter(form: TaskFilterForm) -> TaskFilter:
    """The filter of the form's valid fields; the invalid ones are named in `ignored`."""
    form.is_valid()
    data: dict[str, Any] = form.cleaned_data
    ignored = [str(form.fields[name].label) for name in form.errors if name in form.fields]
    return TaskFilter(
        department=data.get("department"),
        assignee=data.get("assignee"),
        status=data.get("status") or "",
        workstream=data.get("workstream"),
        core=data.get("core") or "",
        overdue=bool(data.get("overdue")),
        sort=data.get("sort") or "",
        ignored=ignored,
    )
