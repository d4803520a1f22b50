"""The demo rollout's walls: on lead to order (Sales, Production, Finance), the hand-offs
between the three departments in each state and the old ways being retired (the hand-filled
order form, each salesperson's Excel customer list, orders re-keyed into the ERP), one of
them overdue (the re-keying: the ERP order interface was sent back) and one already retired.
Written through the services, so every rule holds."""

from datetime import timedelta

from django.utils import timezone

from roles.models import Department, User
from work import wall_services as walls
from work.models import Workstream
from work.wall_services import HandoffInput, OldWayInput
from work.walls import Handoff, HandoffState, OldWayKind

WORKSTREAM = "lead_to_order"

HANDOFFS = (
    # from, to, what, owner, state
    (
        "sales", "finance",
        "Orders over ¥50,000 for the credit check · 5万元以上订单的信用审核",
        "finance.manager", HandoffState.AGREED,
    ),
    (
        "finance", "sales",
        "The credit decision, back on the order · 信用审核结果回写订单",
        "finance.manager", HandoffState.RUNNING,
    ),
    (
        "sales", "production",
        "Confirmed orders with the promised delivery date · 已确认订单及承诺交期",
        "sales.manager", HandoffState.PLANNED,
    ),
)  # fmt: skip

OLD_WAYS = (
    # kind, description, owner, retire by (days from today), retired. The overdue one waits
    # in finance.manager's My work (sales.manager's and the executive's are pinned by tests).
    (
        OldWayKind.FORM,
        "The hand-filled paper order form · 手工填写的纸质订单",
        "sales.manager", 14, False,
    ),
    (
        OldWayKind.SPREADSHEET,
        "Each salesperson's Excel customer list · 销售个人的Excel客户清单",
        "member1", 20, False,
    ),
    (
        OldWayKind.REKEYING,
        "Finance re-keying confirmed orders into the ERP · 财务将订单重复录入ERP",
        "finance.manager", -10, False,
    ),
    (
        OldWayKind.OTHER,
        "Credit approvals signed on paper and faxed · 纸质签字传真的信用审批",
        "finance.manager", -5, True,
    ),
)  # fmt: skip


def seed_walls(*, people: dict[str, User], workstream: Workstream) -> None:
    """Idempotent: writes nothing when the workstream already has hand-offs."""
    if Handoff.objects.filter(workstream=workstream).exists():
        return
    ceo = people["ceo"]
    departments = {d.code: d for d in Department.objects.all()}
    for source, target, what, owner, state in HANDOFFS:
        walls.handoff_create(
            by=ceo,
            workstream=workstream,
            data=HandoffInput(
                from_department=departments[source],
                to_department=departments[target],
                what=what,
                owner=people[owner],
                state=state,
            ),
        )
    today = timezone.localdate()
    for kind, description, owner, days, retired in OLD_WAYS:
        old_way = walls.old_way_create(
            by=people["sales.manager"],
            workstream=workstream,
            data=OldWayInput(
                kind=kind,
                description=description,
                owner=people[owner],
                retire_by=today + timedelta(days=days),
            ),
        )
        if retired:
            walls.old_way_retire(by=people[owner], old_way=old_way)
