"""The work of a rollout: objectives, workstreams, tasks, their logs and verification, and the
four-qualities reviews of implementation members. Moved here from rollout and roles by state
only: every table keeps its name."""

import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rollout.models import Rollout

# The history of edits and the decided approach live in their own modules; imported here so
# the app registers them.
from work.approach import ImplementationApproach

# Each department's improvement backlog after go-live.
from work.improvements import ImprovementItem
from work.plan_changes import ObjectiveChange, TaskChange, WorkstreamChange

# The walls a workstream takes down, in their own module too.
from work.walls import Handoff, OldWayRetirement

__all__ = [
    "Handoff",
    "ImplementationApproach",
    "ImprovementItem",
    "ObjectiveChange",
    "OldWayRetirement",
    "TaskChange",
    "WorkstreamChange",
]


class Objective(models.Model):
    """A department's measurable share of the executive's goal (management by objectives);
    the department's middle manager owns it."""

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.PROTECT, related_name="objectives"
    )
    department = models.ForeignKey(
        "roles.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="objectives",
    )
    title = models.CharField(_("title"), max_length=200)
    target = models.CharField(
        _("measurable target"),
        max_length=300,
        help_text=_("How everyone will know it is reached, e.g. '1,200 customer records cleaned'."),
    )
    due_date = models.DateField(_("due date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "rollout_objective"  # moved from rollout by state only: the table keeps its name
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["due_date", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["rollout", "title"],
                name="objective_title_unique_in_rollout",
                violation_error_message=_("This rollout already has an objective with that title."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class Workstream(models.Model):
    """A business process the CRM changes (e.g. lead to order), and the departments it
    crosses: the walls to take down. Core processes come first everywhere."""

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.PROTECT, related_name="workstreams"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_core = models.BooleanField(_("core process"), default=False)
    departments = models.ManyToManyField(
        "roles.Department",
        verbose_name=_("departments it crosses"),
        related_name="workstreams",
        db_table="rollout_workstream_departments",
    )

    class Meta:
        db_table = (
            "rollout_workstream"  # moved from rollout by state only: the table keeps its name
        )
        verbose_name = _("workstream")
        verbose_name_plural = _("workstreams")
        ordering = ["-is_core", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["rollout", "name"],
                name="workstream_name_unique_in_rollout",
                violation_error_message=_("This rollout already has a workstream with that name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


# The choice classes live at module level because a model's nested Meta cannot see the
# model's own namespace, and the CheckConstraints below must take their values from them:
# a value added to a class then changes the constraint, and makemigrations notices.
class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    CLAIMED = "claimed", _("Claimed done")
    VERIFIED = "verified", _("Verified done")
    SENT_BACK = "sent_back", _("Sent back")


class TaskPriority(models.IntegerChoices):
    LOW = 1, _("Low")
    NORMAL = 2, _("Normal")
    HIGH = 3, _("High")
    CRITICAL = 4, _("Critical")


class Task(models.Model):
    """A piece of work of a rollout, assigned to members of one department.

    Its changes are kept twice, on purpose, because each record answers a question the
    other cannot:

    - `history` (simple_history, table rollout_historicaltask): a version of the task's own
      row at every save, whoever saves it. Read by the rollout's History page, the audit
      trail (gates.selectors.audit, filtered by kind, person and dates): the task's
      creation, and its status, progress, claim and verification times, which change
      through claims, reviews and logs, not through an edit. It holds no many-to-many
      field: it cannot say who was assigned or what the task waited for.
    - `changes` (work.plan_changes.TaskChange): one row per field of a planner's edit
      (task_update, a bulk change), with the value before and after as it read then
      (assignees and waited-for tasks included, a department in both languages). Read by
      the task's edit page (work.history_selectors.task_history) and its activity thread
      (work.discussion, in the discussion app).

    Keeping only one would lose the audit trail's claims and verifications, or the
    thread's assignees and waited-for tasks. An edit therefore writes both: a row field
    edited writes a version and change rows; assignees or waited-for tasks, change rows
    only. No export reads either."""

    Status = TaskStatus
    Priority = TaskPriority

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.PROTECT, related_name="tasks"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    workstream = models.ForeignKey(
        Workstream, verbose_name=_("workstream"), on_delete=models.PROTECT, related_name="tasks"
    )
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective"),
        on_delete=models.PROTECT,
        related_name="tasks",
        null=True,
        blank=True,
    )
    # The department answerable for the task: its middle manager verifies the claims.
    department = models.ForeignKey(
        "roles.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignees"),
        related_name="assigned_tasks",
        db_table="rollout_task_assignees",
    )
    due_date = models.DateField(_("due date"))
    estimate_hours = models.DecimalField(_("estimate (hours)"), max_digits=7, decimal_places=1)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    blocked_by = models.ManyToManyField(
        "self",
        verbose_name=_("blocked by"),
        symmetrical=False,
        related_name="blocks",
        blank=True,
        db_table="rollout_task_blocked_by",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default="open")
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    # The sum of the task's logs, kept by database triggers on rollout_tasklog (migration
    # 0009), whoever writes the log: lists and progress read it instead of summing 600,000
    # logs on every page.
    hours_logged = models.DecimalField(
        _("hours logged"), max_digits=9, decimal_places=2, default=0, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed done"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    # Stamped by database triggers on every change of the row or of its assignees
    # (core.updated_at_stamps), so the API's updated_since sees changes made without a
    # full save too: a log's hours, a bulk move of due dates, an import.
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)
    history = HistoricalRecords(
        m2m_fields=[],
        excluded_fields=["hours_logged", "updated_at"],
        table_name="rollout_historicaltask",
    )

    class Meta:
        db_table = "rollout_task"  # moved from rollout by state only: the table keeps its name
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_date", "-priority", "pk"]
        indexes = [
            models.Index(fields=["rollout", "status"], name="task_rollout_status"),
            models.Index(fields=["rollout", "department", "status"], name="task_department"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=TaskStatus.values),
                name="task_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(estimate_hours__gt=0),
                name="task_estimate_positive",
                violation_error_message=_("The estimate must be more than 0 hours."),
            ),
            models.CheckConstraint(
                condition=Q(priority__in=TaskPriority.values), name="task_priority_valid"
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="task_progress_at_most_100"
            ),
            # A verified task has a verification time; nothing else has one.
            models.CheckConstraint(
                condition=Q(status=TaskStatus.VERIFIED, verified_at__isnull=False)
                | (~Q(status=TaskStatus.VERIFIED) & Q(verified_at__isnull=True)),
                name="task_verified_at_iff_verified",
            ),
        ]

    def __str__(self) -> str:
        return self.title


def evidence_path(instance: "Evidence", filename: str) -> str:
    """A generated name: the uploader's file name is kept only as data, never as a path."""
    suffix = PurePath(filename).suffix.lower()
    return f"evidence/{uuid.uuid4().hex}{suffix}"


class TaskLog(models.Model):
    """One entry of work on a task. Append-only: a mistake is fixed by a correction entry
    (negative or positive hours) that refers to the entry it corrects."""

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="logs"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="task_logs",
    )
    work_date = models.DateField(_("date worked"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    note = models.TextField(_("note"), blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)

    class Meta:
        db_table = "rollout_tasklog"  # moved from rollout by state only: the table keeps its name
        verbose_name = _("task log")
        verbose_name_plural = _("task logs")
        ordering = ["-work_date", "-created_at"]
        indexes = [models.Index(fields=["member", "work_date"], name="tasklog_member_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=24, corrects__isnull=True)
                | (Q(corrects__isnull=False) & ~Q(hours=0) & Q(hours__gte=-24, hours__lte=24)),
                name="tasklog_hours_valid",
                violation_error_message=_("Hours must be more than 0 and at most 24."),
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="tasklog_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} · {self.member} · {self.work_date} · {self.hours} h"

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None


class LoggedWeek(models.Model):
    """The hours a member logged on a rollout's tasks in a week (from Monday), kept by
    triggers on the log table (work/logged_weeks.py) whoever writes a log. The staffing
    fulfilment reads a row a person and week here instead of every log of the weeks."""

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    week = models.DateField(_("week"))
    hours = models.DecimalField(_("hours"), max_digits=9, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("hours logged in a week")
        verbose_name_plural = _("hours logged by week")
        constraints = [
            # The triggers' upsert finds a row by this key.
            models.UniqueConstraint(fields=["rollout", "member", "week"], name="logged_week_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.week} · {self.hours} h"


class Evidence(models.Model):
    log = models.ForeignKey(
        TaskLog, verbose_name=_("log"), on_delete=models.PROTECT, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "rollout_evidence"  # moved from rollout by state only: the table keeps its name
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name


class TaskReviewOutcome(models.TextChoices):
    VERIFIED = "verified", _("Verified")
    SENT_BACK = "sent_back", _("Sent back")


class TaskReview(models.Model):
    """The manager's answer to a claim: verified, or sent back with the reason."""

    Outcome = TaskReviewOutcome

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        db_table = (
            "rollout_taskreview"  # moved from rollout by state only: the table keeps its name
        )
        verbose_name = _("task review")
        verbose_name_plural = _("task reviews")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=TaskReviewOutcome.values), name="taskreview_outcome_valid"
            ),
            models.CheckConstraint(
                condition=Q(outcome=TaskReviewOutcome.VERIFIED)
                | (Q(outcome=TaskReviewOutcome.SENT_BACK) & ~Q(reason="")),
                name="taskreview_send_back_needs_reason",
                violation_error_message=_("Say why the task is sent back."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} · {self.get_outcome_display()}"


class QualityReview(models.Model):
    """A middle manager's review of one implementation member for one month, on the four
    qualities (四心) of the source article; see work/qualities.py for the scale."""

    rollout = models.ForeignKey(
        Rollout, verbose_name=_("rollout"), on_delete=models.PROTECT, related_name="reviews"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="quality_reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    period = models.DateField(_("month"), help_text=_("The first day of the month reviewed."))
    enterprising = models.PositiveSmallIntegerField(_("enterprising"))
    confidence = models.PositiveSmallIntegerField(_("confidence"))
    responsibility = models.PositiveSmallIntegerField(_("responsibility"))
    meticulousness = models.PositiveSmallIntegerField(_("meticulousness"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        db_table = "roles_qualityreview"  # moved from roles by state only: the table keeps its name
        verbose_name = _("four-qualities review")
        verbose_name_plural = _("four-qualities reviews")
        ordering = ["-period", "member"]
        constraints = [
            models.UniqueConstraint(
                fields=["rollout", "member", "period"],
                name="one_review_per_member_and_month",
                violation_error_message=_("This member already has a review for that month."),
            ),
            models.CheckConstraint(
                condition=Q(period__day=1), name="review_period_is_first_of_month"
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{quality}__gte": 1, f"{quality}__lte": 5}),
                    name=f"review_{quality}_1_to_5",
                    violation_error_message=_("Each quality is scored from 1 to 5."),
                )
                for quality in ("enterprising", "confidence", "responsibility", "meticulousness")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.period:%Y-%m}"


HOURS_IN_A_DAY = Decimal("24")
