"""Rows for the improvement backlog's tests: a service call with defaults, and many items
written in bulk (the services are tested on their own)."""

from datetime import timedelta

from django.utils import timezone

from roles.models import Department, User
from rollout.models import Rollout
from work.improvement_services import ImprovementInput, improvement_create
from work.improvements import ImprovementItem, ImprovementKind, ImprovementStatus


def department(code: str) -> Department:
    return Department.objects.get(code=code)


def item_input(code: str = "sales", title: str = "Complete addresses", **more) -> ImprovementInput:
    return ImprovementInput(
        department=department(code),
        title=title,
        kind=more.pop("kind", ImprovementKind.DATA_QUALITY),
        due_date=more.pop("due_date", timezone.localdate() + timedelta(days=10)),
        **more,
    )


def add_item(rollout: Rollout, by: User, code: str = "sales", **more) -> ImprovementItem:
    return improvement_create(by=by, rollout=rollout, data=item_input(code, **more))


def add_items(rollout: Rollout, owner: User, count: int) -> None:
    """`count` items in Sales, in every status, some overdue."""
    today = timezone.localdate()
    sales = department("sales")
    statuses = ImprovementStatus.values
    start = ImprovementItem.objects.count()
    rows = []
    for n in range(start, start + count):
        status = statuses[n % len(statuses)]
        rows.append(
            ImprovementItem(
                rollout=rollout,
                department=sales,
                title=f"Improvement {n}",
                kind=ImprovementKind.values[n % len(ImprovementKind.values)],
                owner=owner,
                due_date=today + timedelta(days=n % 20 - 10),
                status=status,
                drop_reason="No longer needed" if status == ImprovementStatus.DROPPED else "",
                closed_at=timezone.now() if status in ("done", "dropped") else None,
                created_by=owner,
            )
        )
    ImprovementItem.objects.bulk_create(rows)
