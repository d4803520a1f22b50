"""The history of what was planned: each edit of a task, an objective or a workstream keeps
one row per field it changed, with who changed it, when, and the value before and after.

The values are kept as text, as they read at the time (a renamed workstream shows its old
name in the old rows); choices and flags are kept as their code and read in the reader's
language (`before_text`, `after_text`). Append-only: nothing edits or deletes a change."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from rollout.models import Rollout

NO_VALUE = "—"


class TaskField(models.TextChoices):
    TITLE = "title", _("Title")
    DESCRIPTION = "description", _("Description")
    ASSIGNEES = "assignees", _("Assignees")
    DEPARTMENT = "department", _("Department")
    OBJECTIVE = "objective", _("Objective")
    WORKSTREAM = "workstream", _("Workstream")
    DUE_DATE = "due_date", _("Due date")
    ESTIMATE = "estimate_hours", _("Estimate (hours)")
    PRIORITY = "priority", _("Priority")
    WAITS_FOR = "blocked_by", _("Waits for")
    # Only a gate's Recycle changes it through the history: reopened, with the reason.
    STATUS = "status", _("Status")


class ObjectiveField(models.TextChoices):
    TITLE = "title", _("Title")
    TARGET = "target", _("Measurable target")
    DEPARTMENT = "department", _("Department")
    DUE_DATE = "due_date", _("Due date")


class WorkstreamField(models.TextChoices):
    NAME = "name", _("Name")
    DESCRIPTION = "description", _("Description")
    CORE = "is_core", _("Core process")
    DEPARTMENTS = "departments", _("Departments it crosses")


class PlanChange(models.Model):
    """One field of one edit. The rows of one edit share `changed_at` and `changed_by`."""

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.PROTECT, related_name="+"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("at"))
    field = models.CharField(_("field"), max_length=30)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)

    class Meta:
        abstract = True
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.field}: {self.before} → {self.after}"

    @property
    def field_label(self) -> str:
        return str(self.get_field_display())  # type: ignore[attr-defined]  # on each subclass

    @property
    def before_text(self) -> str:
        return self._readable(self.before)

    @property
    def after_text(self) -> str:
        return self._readable(self.after)

    def _readable(self, value: str) -> str:
        """The value as the reader reads it: a priority's or a flag's name in their
        language, a dash for nothing."""
        if value == "":
            return NO_VALUE
        if self.field == "priority" and value.isdigit():
            from work.models import TaskPriority  # the model module imports this one

            return str(TaskPriority(int(value)).label)
        if self.field == "status":
            from work.models import TaskStatus  # the model module imports this one

            return str(TaskStatus(value).label) if value in TaskStatus.values else value
        if self.field == "is_core":
            return str(_("Yes") if value == "1" else _("No"))
        return value


def _constraints(prefix: str, fields: type[models.TextChoices]) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(condition=Q(field__in=fields.values), name=f"{prefix}_field_valid"),
        # A row is a change: an edit that changes nothing writes nothing.
        models.CheckConstraint(condition=~Q(before=F("after")), name=f"{prefix}_changes_value"),
    ]


class TaskChange(PlanChange):
    Field = TaskField

    task = models.ForeignKey(
        "work.Task", verbose_name=_("task"), on_delete=models.PROTECT, related_name="changes"
    )
    field = models.CharField(_("field"), max_length=30, choices=TaskField.choices)
    # Why, when the change is not an edit of the plan (a gate's Recycle reopening the task).
    reason = models.TextField(_("reason"), blank=True)

    class Meta(PlanChange.Meta):
        verbose_name = _("task change")
        verbose_name_plural = _("task changes")
        indexes = [models.Index(fields=["task", "changed_at"], name="taskchange_task_time")]
        constraints = _constraints("taskchange", TaskField)


class ObjectiveChange(PlanChange):
    Field = ObjectiveField

    objective = models.ForeignKey(
        "work.Objective",
        verbose_name=_("objective"),
        on_delete=models.PROTECT,
        related_name="changes",
    )
    field = models.CharField(_("field"), max_length=30, choices=ObjectiveField.choices)

    class Meta(PlanChange.Meta):
        verbose_name = _("objective change")
        verbose_name_plural = _("objective changes")
        indexes = [models.Index(fields=["objective", "changed_at"], name="objectivechange_time")]
        constraints = _constraints("objectivechange", ObjectiveField)


class WorkstreamChange(PlanChange):
    Field = WorkstreamField

    workstream = models.ForeignKey(
        "work.Workstream",
        verbose_name=_("workstream"),
        on_delete=models.PROTECT,
        related_name="changes",
    )
    field = models.CharField(_("field"), max_length=30, choices=WorkstreamField.choices)

    class Meta(PlanChange.Meta):
        verbose_name = _("workstream change")
        verbose_name_plural = _("workstream changes")
        indexes = [models.Index(fields=["workstream", "changed_at"], name="workstreamchange_time")]
        constraints = _constraints("workstreamchange", WorkstreamField)
