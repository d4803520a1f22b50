"""Reads about tasks. Every list is one query for the rows plus a fixed number for what
they show (assignees, blockers), however many rows there are."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from rollout.models import Rollout
from work.models import Evidence, ImplementationApproach, Task, TaskLog, TaskReview, Workstream
from work.task_filters import TaskFilter

NO_FILTER = TaskFilter()


def _waiting() -> Exists:
    """True when some task this one waits for is not verified yet."""
    through = Task.blocked_by.through
    return Exists(
        through.objects.filter(from_task_id=OuterRef("pk")).exclude(
            to_task__status=Task.Status.VERIFIED
        )
    )


def _last_send_back_reason() -> Subquery:
    return Subquery(
        TaskReview.objects.filter(task=OuterRef("pk"), outcome=TaskReview.Outcome.SENT_BACK)
        .order_by("-created_at", "-pk")
        .values("reason")[:1]
    )


def annotated_tasks(rollout: Rollout, *, with_reason: bool = True) -> QuerySet[Task]:
    """A rollout's tasks with what every list shows; core workstreams first. The reason of
    the last send-back is for the member's own list; the board does without it."""
    tasks = (
        Task.objects.filter(rollout=rollout)
        .select_related("workstream", "objective", "department")
        .prefetch_related("assignees")
        .annotate(is_waiting=_waiting())
    )
    if with_reason:
        tasks = tasks.annotate(send_back_reason=_last_send_back_reason())
    return tasks.order_by("-workstream__is_core", "due_date", "-priority", "pk")


def tasks_for_member(
    *, user: AbstractUser | AnonymousUser, rollout: Rollout, filters: TaskFilter = NO_FILTER
) -> QuerySet[Task]:
    """The member's own tasks: sent back first (they need action), verified last, unless
    the filters sort them otherwise."""
    order = Case(
        When(status=Task.Status.SENT_BACK, then=Value(0)),
        When(status=Task.Status.VERIFIED, then=Value(3)),
        When(status=Task.Status.CLAIMED, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return filters.apply(
        annotated_tasks(rollout)
        .filter(assignees=user.pk)
        .order_by(order, "-workstream__is_core", "due_date", "-priority", "pk")
    )


def member_task_row(*, user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int) -> Task:
    """One of the member's tasks read again as their list shows it, after a change to it
    (the hours logged are kept by a trigger): the row shows no assignees, so none are read."""
    return tasks_for_member(user=user, rollout=rollout).prefetch_related(None).get(pk=pk)


def department_board(
    *, rollout: Rollout, department_ids: set[int], filters: TaskFilter = NO_FILTER
) -> QuerySet[Task]:
    """The departments' tasks, claims waiting for verification first (unless the filters
    sort them otherwise)."""
    order = Case(
        When(status=Task.Status.CLAIMED, then=Value(0)),
        When(status=Task.Status.VERIFIED, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return filters.apply(
        annotated_tasks(rollout, with_reason=False)
        .filter(department_id__in=department_ids)
        .order_by(order, "claimed_at", "-workstream__is_core", "due_date", "pk")
    )


def board_counts(
    *, rollout: Rollout, department_ids: set[int], filters: TaskFilter = NO_FILTER
) -> tuple[int, int]:
    """(tasks, claims waiting) on the departments' board as filtered, in one query."""
    tasks = Task.objects.filter(rollout=rollout, department_id__in=department_ids)
    counts = (
        filters.apply(tasks)
        .order_by()
        .aggregate(tasks=Count("pk"), claims=Count("pk", filter=Q(status=Task.Status.CLAIMED)))
    )
    return counts["tasks"], counts["claims"]


def planned_tasks(*, rollout: Rollout, filters: TaskFilter = NO_FILTER) -> QuerySet[Task]:
    """Every task of the rollout for the plan (everyone in a rollout reads its tasks), core
    work first, as filtered and sorted."""
    return filters.apply(annotated_tasks(rollout, with_reason=False))


def current_approach(*, rollout: Rollout) -> ImplementationApproach | None:
    """The implementation approach of the rollout's latest decision that recorded one (at
    the contract or implementation gate): the plan follows it."""
    return (
        ImplementationApproach.objects.filter(rollout=rollout)
        .select_related("pilot_department")
        .order_by("-created_at", "-pk")
        .first()
    )


def workstreams_of_rollout(*, rollout: Rollout) -> QuerySet[Workstream]:
    return Workstream.objects.filter(rollout=rollout).order_by("-is_core", "name", "pk")


def tasks_count(*, rollout: Rollout, filters: TaskFilter = NO_FILTER) -> int:
    return filters.apply(Task.objects.filter(rollout=rollout)).order_by().count()


def task_with_history(*, task: Task) -> Task:
    """One task with its logs (and their evidence), reviews, blockers and assignees."""
    return (
        annotated_tasks(task.rollout)
        .prefetch_related(
            Prefetch(
                "logs",
                queryset=TaskLog.objects.select_related("member", "corrects").prefetch_related(
                    Prefetch("evidence", queryset=Evidence.objects.order_by("pk"))
                ),
            ),
            Prefetch("reviews", queryset=TaskReview.objects.select_related("reviewer")),
            Prefetch("blocked_by", queryset=Task.objects.order_by("title")),
        )
        .get(pk=task.pk)
    )


@dataclass
class LateAndBlocked:
    """The first few overdue and blocked tasks, with how many there are in all."""

    overdue: list[Task]
    overdue_count: int
    waiting: list[Task]
    waiting_count: int
    unfinished_count: int = 0


def late_and_blocked(rollout: Rollout, *, listed: int, list_waiting: bool = True) -> LateAndBlocked:
    """Up to three queries: the first `listed` overdue tasks (core work first, then the
    most overdue), the first blocked ones unless `list_waiting` is off (the gate shows only
    their count), and both counts in one pass. The lists show title, department, due date
    and status only, so they skip the annotations and assignees of the other lists."""
    today = timezone.localdate()
    unfinished = Task.objects.filter(rollout=rollout).exclude(status=Task.Status.VERIFIED)
    counts = unfinished.aggregate(
        unfinished=Count("pk"),
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        waiting=Count("pk", filter=_waiting()),
    )
    listed_rows = unfinished.select_related("department").order_by(
        "-workstream__is_core", "due_date", "-priority", "pk"
    )
    return LateAndBlocked(
        overdue=list(listed_rows.filter(due_date__lt=today)[:listed]),
        overdue_count=counts["overdue"],
        waiting=list(listed_rows.filter(_waiting())[:listed]) if list_waiting else [],
        waiting_count=counts["waiting"],
        unfinished_count=counts["unfinished"],
    )


def task_record_by_member(*, rollout: Rollout, member_ids: list[int]) -> dict[int, dict[str, int]]:
    """For the four-qualities review: each member's tasks, how many were finished on time,
    how many were sent back, and the hours they logged. Three queries in all."""
    record: dict[int, dict[str, int]] = {
        pk: {"tasks": 0, "on_time": 0, "sent_back": 0, "hours": 0} for pk in member_ids
    }
    through = Task.assignees.through
    rows = (
        through.objects.filter(task__rollout=rollout, user_id__in=member_ids)
        .values("user_id")
        .annotate(
            tasks=Count("task_id"),
            on_time=Count(
                "task_id",
                filter=_verified_on_time(),
            ),
        )
    )
    for row in rows:
        record[row["user_id"]].update(tasks=row["tasks"], on_time=row["on_time"])
    sent_back = (
        TaskReview.objects.filter(
            task__rollout=rollout,
            outcome=TaskReview.Outcome.SENT_BACK,
            task__assignees__in=member_ids,
        )
        .values("task__assignees")
        .annotate(n=Count("pk"))
    )
    for row in sent_back:
        record[row["task__assignees"]]["sent_back"] = row["n"]
    hours = (
        TaskLog.objects.filter(task__rollout=rollout, member_id__in=member_ids)
        .values("member_id")
        .annotate(total=Sum("hours"))
    )
    for row in hours:
        record[row["member_id"]]["hours"] = row["total"] or 0
    return record


def _verified_on_time() -> Q:
    return Q(task__status=Task.Status.VERIFIED, task__verified_at__date__lte=F("task__due_date"))


def dependency_candidates(*, task: Task) -> QuerySet[Task]:
    """Tasks this one could wait for: unfinished tasks of the same workstream (a bounded
    list, not every task of the rollout)."""
    return (
        Task.objects.filter(workstream_id=task.workstream_id)
        .exclude(pk=task.pk)
        .exclude(status=Task.Status.VERIFIED)
        .order_by("title")
        .only("pk", "title")
    )
