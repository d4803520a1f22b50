"""The demo rollouts' risk registers: the CRM's holds the article's four risks (one of them
overdue, so its owner is reminded and sees it in My work) and one of its own, reviewed once
before the adoption gate; the mobile app selection has its own risk; the after-sales pilot
has none, so its executive is offered the article's risks as starting entries."""

from datetime import timedelta

from django.utils import timezone

from risks import services as risk_services
from risks.models import Risk
from roles.models import User
from rollout.models import Rollout


def seed_risks(*, rollouts: dict[str, Rollout], people: dict[str, User]) -> None:
    """Idempotent: a rollout that has risks already is left as it is. Run before the gates,
    so the review counts for the adoption gate and not for the selection gate after it."""
    crm = rollouts["crm"]
    if not Risk.objects.filter(rollout=crm).exists():
        _crm(crm, people)
    mobile = rollouts["mobile"]
    if not Risk.objects.filter(rollout=mobile).exists():
        risk_services.risk_create(
            by=people["sel.senior"],
            rollout=mobile,
            title="Sales keep their notes in chat instead of the app · 销售仍在聊天软件里记客户",
            owner=people["sel.it"],
            likelihood=4,
            impact=3,
            mitigation="Score offline use and chat import in the demos. "
            "演示中评估离线使用和聊天导入。",
            due_date=timezone.localdate() + timedelta(days=21),
        )


def _crm(crm: Rollout, people: dict[str, User]) -> None:
    ceo, today = people["ceo"], timezone.localdate()
    starters = risk_services.risks_add_starters(
        by=ceo,
        rollout=crm,
        keys=[
            "figurehead_executive",
            "resisting_managers",
            "price_only_choice",
            "missing_part_time_staff",
        ],
    )
    figurehead, resisting, price_only, part_time = starters
    _update(
        ceo,
        figurehead,
        status=Risk.Status.MITIGATED,
        mitigation="The CEO chairs the weekly steering meeting and decides every gate in person. "
        "总经理主持每周例会，亲自决策每个关口。",
    )
    _update(
        ceo,
        resisting,
        owner=people["finance.manager"],
        mitigation="Show each manager the hours saved in their own department. "
        "向每位经理展示本部门节省的工时。",
        due_date=today + timedelta(days=10),
    )
    _update(
        ceo,
        price_only,
        owner=people["sel.senior"],
        mitigation="Weigh vendor, product, implementation and service, not only price. "
        "按供应商、产品、实施和服务综合评分，不只看价格。",
        due_date=today + timedelta(days=7),
    )
    # Overdue: the sweep reminds its owner, and it waits in their My work.
    _update(
        ceo,
        part_time,
        owner=people["it.manager"],
        mitigation="Agree each department's hours with its manager before the blueprint. "
        "蓝图设计前与各部门经理确定投入工时。",
        due_date=today - timedelta(days=3),
    )
    risk_services.risk_create(
        by=people["sales.manager"],
        rollout=crm,
        title="Duplicate customers across the branch offices · 各分公司客户重复",
        description="The same customer is kept under three names. 同一客户有三个名称。",
        owner=people["sales.manager"],
        likelihood=4,
        impact=3,
        due_date=today + timedelta(days=30),
    )
    risk_services.risk_review_record(
        by=ceo, rollout=crm, note="Four risks of the article taken in. 已纳入文章中的四项风险。"
    )


def _update(executive: User, risk: Risk, **changes: object) -> None:
    values: dict[str, object] = {
        "title": risk.title,
        "description": risk.description,
        "owner": risk.owner,
        "likelihood": risk.likelihood,
        "impact": risk.impact,
        "status": risk.status,
        "mitigation": risk.mitigation,
        "due_date": risk.due_date,
        **changes,
    }
    risk_services.risk_update(by=executive, risk=risk, **values)  # type: ignore[arg-type]  # the fields of a risk, as stored
