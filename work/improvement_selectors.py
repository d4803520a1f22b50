"""Reading the rollout's improvement backlogs (work.improvements): the Backlog page grouped
by department, and what the Improve gate asks of every department's backlog (no overdue
item, at least one done). A fixed number of queries each, however many items."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet

from roles.models import Department
from rollout.models import Rollout
from work.improvements import OPEN_STATUSES, ImprovementItem, ImprovementStatus


@dataclass
class DepartmentBacklog:
    department: Department
    today: date  # the day it was read: an open item past its date then is overdue
    items: list[ImprovementItem] = field(default_factory=list)
    keeps: bool = False  # the person adds and edits this department's items

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.items if item.overdue_on(self.today))


def improvements(
    *, rollout: Rollout, department_id: int | None = None, status: str = ""
) -> QuerySet[ImprovementItem]:
    """The rollout's items, filtered, with their department and owner (one query)."""
    items = ImprovementItem.objects.filter(rollout=rollout).select_related("department", "owner")
    if department_id:
        items = items.filter(department_id=department_id)
    if status:
        items = items.filter(status=status)
    return items.order_by("department__code", "due_date", "pk")


def backlogs_by_department(
    *,
    departments: list[Department],
    items: list[ImprovementItem],
    first: set[int],
    today: date,
) -> list[DepartmentBacklog]:
    """One group per department, in the order given, the ones in `first` (the person's
    own) at the top; a department with no item still shows, so an empty backlog is seen."""
    groups = {d.pk: DepartmentBacklog(department=d, today=today) for d in departments}
    for item in items:
        if item.department_id not in groups:
            groups[item.department_id] = DepartmentBacklog(department=item.department, today=today)
        groups[item.department_id].items.append(item)
    ordered = list(groups.values())
    return sorted(ordered, key=lambda g: g.department.pk not in first)


@dataclass(frozen=True)
class BacklogState:
    """One department's backlog as the Improve gate reads it."""

    department: Department
    overdue: int
    done: int

    @property
    def kept(self) -> bool:
        return not self.overdue and self.done > 0


def backlog_states(
    *, rollout: Rollout, departments: list[Department], today: date
) -> list[BacklogState]:
    """Each department's overdue and done counts (one query)."""
    counts = {
        row["department_id"]: row
        for row in ImprovementItem.objects.filter(rollout=rollout)
        .values("department_id")
        .annotate(
            overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_date__lt=today)),
            done=Count("pk", filter=Q(status=ImprovementStatus.DONE)),
        )
        .order_by()
    }
    return [
        BacklogState(
            department=d,
            overdue=counts.get(d.pk, {}).get("overdue", 0),
            done=counts.get(d.pk, {}).get("done", 0),
        )
        for d in departments
    ]
