"""Staffing test data: a request the executive sends for a department's hours."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from roles.models import Department, User
from rollout.calendar import week_start
from rollout.models import Rollout
from staffing import services as staffing
from staffing.models import Commitment, StaffingRequest


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
    today = timezone.localdate()
    starts_in = (week_start(today) + timedelta(weeks=weeks_ahead) - today).days
    department = department or demo["sales.manager"].department
    return ask(demo, crm, department, hours, starts_in=starts_in, ends_in=starts_in + 14)


def ask(
    demo: dict[str, User],
    crm: Rollout,
    department: Department | None,
    hours: str = "2",
    *,
    starts_in: int = 7,
    ends_in: int = 35,
) -> StaffingRequest:
    """The executive asks the department for `hours` a week, from `starts_in` to `ends_in`
    days from today."""
    assert department is not None
    today = timezone.localdate()
    return staffing.staffing_request_create(
        by=demo["ceo"],
        rollout=crm,
        department=department,
        purpose="training",
        hours_per_week=Decimal(hours),
        start_date=today + timedelta(days=starts_in),
        end_date=today + timedelta(days=ends_in),
    )


def commit_member1(demo: dict[str, User], crm: Rollout, hours: str) -> Commitment:
    """Sales is asked for `hours` a week from next week, and its manager names member1."""
    request = ask(demo, crm, demo["sales.manager"].department, hours)
    staffing.staffing_answer(
        by=demo["sales.manager"], request=request, people=[(demo["member1"], Decimal(hours))]
    )
    return Commitment.objects.get(request=request)
