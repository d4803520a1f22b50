"""The demo rollout's work: objectives, core and non-core workstreams, tasks in every
status, logs and four-qualities reviews, written through the services (so every rule
holds), then back-dated so the progress page has weeks of history to show."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from roles.models import Department, User
from rollout.models import Rollout

# upward import: work → moves when the demo app takes the demo builders
from work import review_services
from work import services as work
from work.models import Task, Workstream

WORKSTREAMS = (
    # name, core, departments, description
    (
        "Lead to order · 线索到订单",
        True,
        ("sales", "production", "finance"),
        "One flow from first contact to a confirmed order; no more hand-filled order forms.",
    ),
    (
        "Customer master data · 客户主数据",
        True,
        ("sales", "finance", "it"),
        "One clean record per customer, shared by sales, finance and service.",
    ),
    ("After-sales service · 售后服务", False, ("production", "sales"), "Service tickets."),
    ("Reports and dashboards · 报表与看板", False, ("it", "finance"), "Management reports."),
)

OBJECTIVES = (
    # key, department, title, target, due in days
    (
        "sales",
        "sales",
        "Every active customer in one record · 活跃客户统一建档",
        "1,200 customer records cleaned and merged · 清理合并1200条客户记录",
        45,
    ),
    (
        "it",
        "it",
        "The CRM runs on our network · CRM在我们的网络中稳定运行",
        "Single sign-on and the ERP link tested; 99.5% uptime in the pilot",
        60,
    ),
    (
        "finance",
        "finance",
        "Credit check inside the order flow · 订单流程内的信用审核",
        "Every order over ¥50,000 credit-checked in the CRM",
        75,
    ),
)

# title, workstream index, objective key, department, assignees, due in days, estimate,
# created days ago, what happens: (final status, logs as (member, days ago, hours, progress))
TASKS = (
    (
        "Map the current lead-to-order process · 梳理现有线索到订单流程",
        0, "sales", "sales", ("member1", "member2"), -20, "16", 35,
        ("verified", (("member1", 30, "6", 50), ("member2", 28, "8", 100))),
    ),
    (
        "Clean up duplicate customers, batch 1 · 清理重复客户（第一批）",
        1, "sales", "sales", ("member1",), 5, "24", 28,
        ("claimed", (("member1", 20, "8", 40), ("member1", 12, "7.5", 90))),
    ),
    (
        "Clean up duplicate customers, batch 2 · 清理重复客户（第二批）",
        1, "sales", "sales", ("member2",), 20, "24", 21,
        ("in_progress", (("member2", 6, "4", 20),)),
    ),
    (
        "Define the customer fields · 确定客户字段",
        1, "sales", "sales", ("member1",), 10, "8", 14,
        ("open", ()),
    ),
    (
        "Train the sales team on customer records · 培训销售团队使用客户档案",
        0, "sales", "sales", ("member1",), 25, "12", 10,
        ("in_progress", (("member1", 3, "2", 15),)),
    ),
    (
        "Set up single sign-on · 配置单点登录",
        1, "it", "it", ("member3",), -3, "20", 30,
        ("in_progress", (("member3", 15, "6", 30), ("member3", 8, "5", 55))),
    ),
    (
        "Test the ERP order interface · 测试ERP订单接口",
        0, "it", "it", ("member4",), 7, "16", 25,
        ("sent_back", (("member4", 9, "8", 100),)),
    ),
    (
        "Credit-limit rule for orders · 订单信用额度规则",
        0, "finance", "finance", ("member5",), 12, "10", 20,
        ("claimed", (("member5", 7, "6", 100),)),
    ),
    (
        "Monthly sales report · 月度销售报表",
        3, "finance", "finance", ("member6",), 40, "12", 7,
        ("open", ()),
    ),
    (
        "Service ticket categories · 服务工单分类",
        2, None, "sales", ("member2",), -10, "6", 32,
        ("verified", (("member2", 25, "6", 100),)),
    ),
)  # fmt: skip

SEND_BACK_REASON = (
    "The test skipped orders with several delivery addresses; test those too. "
    "测试漏了多个收货地址的订单，请补测。"
)


def seed_work(*, rollout: Rollout, rollout_people: dict[str, User]) -> None:
    """Idempotent: does nothing when the rollout already has workstreams."""
    if Workstream.objects.filter(rollout=rollout).exists():
        return
    ceo = rollout_people["ceo"]
    departments = {d.code: d for d in Department.objects.all()}
    today = timezone.localdate()
    workstreams = [
        work.workstream_create(
            by=ceo,
            rollout=rollout,
            name=name,
            description=description,
            is_core=core,
            department_ids=[departments[code].pk for code in codes],
        )
        for name, core, codes, description in WORKSTREAMS
    ]
    objectives = {
        key: work.objective_create(
            by=ceo,
            rollout=rollout,
            department_id=departments[code].pk,
            title=title,
            target=target,
            due_date=today + timedelta(days=due),
        )
        for key, code, title, target, due in OBJECTIVES
    }
    managers = {
        "sales": rollout_people["sales.manager"],
        "it": rollout_people["it.manager"],
        "finance": rollout_people["finance.manager"],
    }
    created: list[Task] = []
    for title, ws, obj, dept, assignees, due, estimate, age, (status, logs) in TASKS:
        task = work.task_create(
            by=ceo,
            rollout=rollout,
            title=title,
            workstream=workstreams[ws],
            objective=objectives[obj] if obj else None,
            department_id=departments[dept].pk,
            assignees=[rollout_people[a] for a in assignees],
            due_date=today + timedelta(days=due),
            estimate_hours=Decimal(estimate),
        )
        for member, days_ago, hours, progress in logs:
            work.task_log_create(
                by=rollout_people[member],
                task=task,
                work_date=today - timedelta(days=days_ago),
                hours=Decimal(hours),
                progress=progress,
                note="",
            )
        if status in ("claimed", "verified", "sent_back"):
            work.task_claim_done(by=rollout_people[assignees[0]], task=task)
        if status == "verified":
            work.task_verify(by=managers[dept], task=task)
        if status == "sent_back":
            work.task_send_back(by=managers[dept], task=task, reason=SEND_BACK_REASON)
        _backdate(task, age)
        created.append(task)
    # Batch 2 of the clean-up waits for batch 1.
    work.task_dependency_add(by=ceo, task=created[2], blocker=created[1])
    _reviews(rollout, rollout_people)


def _backdate(task: Task, age: int) -> None:
    now = timezone.now()
    Task.objects.filter(pk=task.pk).update(created_at=now - timedelta(days=age))
    if task.status == Task.Status.VERIFIED:
        Task.objects.filter(pk=task.pk).update(verified_at=now - timedelta(days=max(age - 14, 1)))


def _reviews(rollout: Rollout, people: dict[str, User]) -> None:
    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    for manager, member, scores, comment in (
        ("sales.manager", "member1", (4, 4, 5, 3), "Drives the clean-up; check field details."),
        ("sales.manager", "member2", (3, 3, 4, 4), "Careful and steady. 认真细致。"),
        ("it.manager", "member3", (4, 5, 3, 3), "Confident; SSO is late."),
    ):
        review_services.quality_review_create(
            by=people[manager],
            rollout=rollout,
            member=people[member],
            period=last_month,
            enterprising=scores[0],
            confidence=scores[1],
            responsibility=scores[2],
            meticulousness=scores[3],
            comment=comment,
        )
