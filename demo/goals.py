"""The demo rollouts' measurable targets and a few months of actual values: the CRM's
lead-to-order days 21 → 10, the share of orders entered in the CRM and complete customer
records; the pilot's and the mobile selection's one target each. Written through the
services, as the executive and the owners would."""

from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.utils import timezone

from goals.models import GoalTarget
from goals.services import TargetFigures, actual_record, target_create
from roles.models import User
from rollout.models import Rollout


class DemoTarget(NamedTuple):
    measure: str
    unit: str
    baseline: str
    target: str
    due: date
    owner: str
    actuals: tuple[str, ...]  # monthly, oldest first, ending this month


TARGETS: dict[str, tuple[DemoTarget, ...]] = {
    "crm": (
        DemoTarget("Lead-to-order time · 线索到订单周期", "days · 天", "21", "10",
                   date(2027, 6, 30), "sales.manager", ("21", "19.5", "18", "16")),
        DemoTarget("Orders entered in the CRM · 在CRM中录入的订单", "%", "0", "95",
                   date(2027, 9, 30), "it.manager", ("0", "12", "31")),
        DemoTarget("Customer records complete · 客户资料完整率", "%", "55", "90",
                   date(2027, 12, 31), "finance.manager", ("55", "61")),
    ),
    "pilot": (
        DemoTarget("Service tickets closed within 48 h · 48小时内关闭的工单", "%", "60", "85",
                   date(2027, 3, 31), "pilot.member", ("60", "66")),
    ),
    "mobile": (
        DemoTarget("Customer visits logged from the road · 外出拜访记录", "visits/week · 次/周",
                   "40", "200", date(2027, 8, 31), "sel.senior", ()),
    ),
}  # fmt: skip


def _months_back(today: date, count: int) -> list[date]:
    """The first day of the last `count` months, oldest first, this month's included."""
    days, day = [], today.replace(day=1)
    for _n in range(count):
        days.append(day)
        day = (day - timedelta(days=1)).replace(day=1)
    return days[::-1]


def seed_goals(*, key: str, rollout: Rollout, people: dict[str, User], executive: str) -> None:
    """Idempotent: a rollout that has targets keeps them."""
    if GoalTarget.objects.filter(rollout=rollout).exists():
        return
    today = timezone.localdate()
    for row in TARGETS.get(key, ()):
        due = row.due if row.due > today else today + timedelta(days=210)
        target = target_create(
            by=people[executive],
            rollout=rollout,
            figures=TargetFigures(
                row.measure,
                row.unit,
                Decimal(row.baseline),
                Decimal(row.target),
                due,
                people[row.owner],
            ),
        )
        for as_of, value in zip(_months_back(today, len(row.actuals)), row.actuals, strict=True):
            actual_record(by=people[row.owner], target=target, value=Decimal(value), as_of=as_of)
