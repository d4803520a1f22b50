"""The demo rollout's improvement backlogs after go-live: Sales, Finance and IT each keep
theirs. Sales and IT have each finished one item; Finance's credit checks in the CRM are
overdue (so the Improve gate's backlog criterion is not met yet, and finance.manager is
reminded). Written through the services, so every rule holds."""

from datetime import timedelta

from django.utils import timezone

from roles.models import Department, User
from rollout.models import Rollout
from work import improvement_services as backlog
from work.improvement_services import ImprovementInput
from work.improvements import ImprovementItem, ImprovementKind, ImprovementStatus

ITEMS = (
    # department, title, kind, owner ("" for the manager), due (days from today), status
    (
        "sales",
        "Every new customer has a complete address and tax number · 新客户地址和税号填写完整",
        ImprovementKind.DATA_QUALITY, "member1", 20, ImprovementStatus.IN_PROGRESS,
    ),
    (
        "sales",
        "Sales reps log every customer visit in the CRM · 销售代表在CRM中记录每次客户拜访",
        ImprovementKind.USE, "", -3, ImprovementStatus.DONE,
    ),
    (
        "finance",
        "Credit checks answered in the CRM within a day · 信用审核一天内在CRM中答复",
        ImprovementKind.PROCESS, "", -7, ImprovementStatus.OPEN,
    ),
    (
        "finance",
        "Merge duplicate customer accounts · 合并重复的客户账户",
        ImprovementKind.DATA_QUALITY, "member5", 30, ImprovementStatus.OPEN,
    ),
    (
        "it",
        "Check the nightly ERP invoice import each morning · 每天早上检查夜间ERP发票导入",
        ImprovementKind.PROCESS, "member3", -10, ImprovementStatus.DONE,
    ),
    (
        "it",
        "Close write access to the old customer database · 关闭旧客户数据库的写入权限",
        ImprovementKind.OTHER, "", 10, ImprovementStatus.OPEN,
    ),
)  # fmt: skip

MANAGERS = {"sales": "sales.manager", "finance": "finance.manager", "it": "it.manager"}


def seed_backlog(*, rollout: Rollout, people: dict[str, User]) -> None:
    """Idempotent: writes nothing when the rollout already has improvement items."""
    if ImprovementItem.objects.filter(rollout=rollout).exists():
        return
    departments = {d.code: d for d in Department.objects.filter(code__in=MANAGERS)}
    today = timezone.localdate()
    for code, title, kind, owner, days, status in ITEMS:
        manager = people[MANAGERS[code]]
        item = backlog.improvement_create(
            by=manager,
            rollout=rollout,
            data=ImprovementInput(
                department=departments[code],
                title=title,
                kind=kind,
                owner=people[owner] if owner else None,
                due_date=today + timedelta(days=days),
            ),
        )
        if status != ImprovementStatus.OPEN:
            backlog.improvement_status_set(by=item.owner, item=item, status=status)
