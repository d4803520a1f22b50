"""The demo CRM after go-live: three adoption measures with four months of values for
Sales, Finance and IT (IT lagging, and its manager has yet to record one figure of last
month, so the Improve gate's criterion waits on IT), and the finance seat's first estimate
of the realised yearly benefit. Written through the services, as the people would."""

from datetime import timedelta
from decimal import Decimal
from typing import NamedTuple

from django.utils import timezone

from goals.adoption import MeasureFigures, adoption_record, benefit_record, measure_create
from goals.adoption_selectors import months_up_to
from goals.models import AdoptionKind, AdoptionMeasure
from roles.models import Department, User
from rollout.models import Rollout


class DemoMeasure(NamedTuple):
    name: str
    unit: str
    kind: str
    target: str
    # Per department's code: the last four complete months, oldest first ("" not recorded).
    values: dict[str, tuple[str, ...]]


MEASURES = (
    DemoMeasure("Weekly active users · 每周活跃用户", "% of staff · 员工占比",
                AdoptionKind.ACTIVE_USERS, "90",
                {"sales": ("62", "74", "81", "88"), "finance": ("70", "78", "85", "91"),
                 "it": ("40", "44", "47", "52")}),
    DemoMeasure("Orders entered in the CRM, not on paper · 在CRM而非纸面录入的订单", "%",
                AdoptionKind.IN_CRM, "95",
                {"sales": ("35", "58", "72", "83"), "finance": ("50", "66", "80", "90"),
                 "it": ("20", "25", "31", "38")}),
    DemoMeasure("Customer records complete · 客户资料完整率", "%", AdoptionKind.COMPLETE, "90",
                {"sales": ("61", "68", "74", "79"), "finance": ("72", "80", "86", "92"),
                 "it": ("48", "50", "55", "")}),
)  # fmt: skip
REALISED = ("310000", "Fewer lost leads and no re-keying of orders in Sales and Finance. "
            "销售和财务减少了线索流失，订单不再重复录入。")  # fmt: skip
MANAGERS = {"sales": "sales.manager", "finance": "finance.manager", "it": "it.manager"}


def seed_adoption(*, rollout: Rollout, people: dict[str, User], executive: str) -> None:
    """Idempotent: a rollout that has adoption measures keeps them."""
    if AdoptionMeasure.objects.filter(rollout=rollout).exists():
        return
    today = timezone.localdate()
    # The four months before this one: last month is the one the Improve gate asks about.
    months = months_up_to(today.replace(day=1) - timedelta(days=1), 4)
    departments = {d.code: d for d in Department.objects.filter(code__in=MANAGERS)}
    for row in MEASURES:
        measure = measure_create(
            by=people[executive],
            rollout=rollout,
            figures=MeasureFigures(row.name, row.unit, row.kind, Decimal(row.target), True),
        )
        for code, values in row.values.items():
            for month, value in zip(months, values, strict=True):
                if value:
                    adoption_record(
                        by=people[MANAGERS[code]],
                        measure=measure,
                        department=departments[code],
                        month=month,
                        value=Decimal(value),
                    )
    benefit_record(
        by=people["sel.finance"],
        rollout=rollout,
        yearly_amount=Decimal(REALISED[0]),
        as_of=months[-1],
        note=REALISED[1],
    )
