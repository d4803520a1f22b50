"""Staffing test data: a request the executive sends for a department's hours."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from roles.models import Department, User
from rollout.calendar import week_start
from rollout.models import Rollout
from staffing import services as staffing
from staffing.models import StaffingRequest


def new_request(
    demo: dict[str, User],
    crm: Rollout,
    hours: str = "8",
    *,
    weeks_ahead: int = 20,
    department: Department | None = None,
) -> StaffingRequest:
    """A request for `hours` a week over two weeks, `weeks_ahead` weeks from this Monday,
    for the sales department unless another is given."""
    department = department or demo["sales.manager"].department
    assert department is not None
    start = week_start(timezone.localdate()) + timedelta(weeks=weeks_ahead)
    return staffing.staffing_request_create(
        by=demo["ceo"],
        rollout=crm,
        department=department,
        purpose="training",
        hours_per_week=Decimal(hours),
        start_date=start,
        end_date=start + timedelta(weeks=2),
    )
