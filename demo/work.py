"""The demo rollout's work: objectives, core and non-core workstreams, tasks in every
status, logs and four-qualities reviews, written through the services (so every rule
holds), then back-dated so the progress page has weeks of history to show."""

from datetime import timedelta
from decimal import Decimal
from typing import Final

from django.utils import timezone

from roles.models import Department, User
from rollout.models import Rollout
from work import review_services
from work import services as work
from work.models import Task, Workstream

# The first column of WORKSTREAMS and TASKS is the row's stable key: seed_work returns the
# tasks by it and tests find them by it (demo.keys), so rewording a title changes this table
# only.
WORKSTREAMS = (
    # key, name, core, departments, description
    (
        "lead_to_order",
        "Lead to order · 线索到订单",
        True,
        ("sales", "production", "finance"),
        "One flow from first contact to a confirmed order; no more hand-filled order forms.",
    ),
    (
        "customer_master_data",
        "Customer master data · 客户主数据",
        True,
        ("sales", "finance", "it"),
        "One clean record per customer, shared by sales, finance and service.",
    ),
    (
        "after_sales",
        "After-sales service · 售后服务",
        False,
        ("production", "sales"),
        "Service tickets.",
    ),
    (
        "reports",
        "Reports and dashboards · 报表与看板",
        False,
        ("it", "finance"),
        "Management reports.",
    ),
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

# key, title, workstream key, objective key, department, assignees, due in days, estimate,
# created days ago, what happens: (final status, logs as (member, days ago, hours, progress))
TASKS = (
    (
        "map_lead_to_order",
        "Map the current lead-to-order process · 梳理现有线索到订单流程",
        "lead_to_order", "sales", "sales", ("member1", "member2"), -20, "16", 35,
        ("verified", (("member1", 30, "6", 50), ("member2", 28, "8", 100))),
    ),
    (
        "cleanup_batch1",
        "Clean up duplicate customers, batch 1 · 清理重复客户（第一批）",
        "customer_master_data", "sales", "sales", ("member1",), 5, "24", 28,
        ("claimed", (("member1", 20, "8", 40), ("member1", 12, "7.5", 90))),
    ),
    (
        "cleanup_batch2",
        "Clean up duplicate customers, batch 2 · 清理重复客户（第二批）",
        "customer_master_data", "sales", "sales", ("member2",), 20, "24", 21,
        ("in_progress", (("member2", 6, "4", 20),)),
    ),
    (
        "customer_fields",
        "Define the customer fields · 确定客户字段",
        "customer_master_data", "sales", "sales", ("member1",), 10, "8", 14,
        ("open", ()),
    ),
    (
        "train_sales",
        "Train the sales team on customer records · 培训销售团队使用客户档案",
        "lead_to_order", "sales", "sales", ("member1",), 25, "12", 10,
        ("in_progress", (("member1", 3, "2", 15),)),
    ),
    (
        "single_sign_on",
        "Set up single sign-on · 配置单点登录",
        "customer_master_data", "it", "it", ("member3",), -3, "20", 30,
        ("in_progress", (("member3", 15, "6", 30), ("member3", 8, "5", 55))),
    ),
    (
        "erp_interface",
        "Test the ERP order interface · 测试ERP订单接口",
        "lead_to_order", "it", "it", ("member4",), 7, "16", 25,
        ("sent_back", (("member4", 9, "8", 100),)),
    ),
    (
        "credit_limit_rule",
        "Credit-limit rule for orders · 订单信用额度规则",
        "lead_to_order", "finance", "finance", ("member5",), 12, "10", 20,
        ("claimed", (("member5", 7, "6", 100),)),
    ),
    (
        "monthly_sales_report",
        "Monthly sales report · 月度销售报表",
        "reports", "finance", "finance", ("member6",), 40, "12", 7,
        ("open", ()),
    ),
    (
        "service_categories",
        "Service ticket categories · 服务工单分类",
        "after_sales", None, "sales", ("member2",), -10, "6", 32,
        ("verified", (("member2", 25, "6", 100),)),
    ),
)  # fmt: skip

SEND_BACK_REASON = (
    "The test skipped orders with several delivery addresses; test those too. "
    "测试漏了多个收货地址的订单，请补测。"
)


WORKSTREAM_NAMES: Final = {key: name for key, name, *_ in WORKSTREAMS}
TASK_TITLES: Final = {key: title for key, title, *_ in TASKS}


def seed_work(*, rollout: Rollout, rollout_people: dict[str, User]) -> dict[str, Task]:
    """The demo tasks by key. Idempotent: writes nothing when the rollout already has
    workstreams, and then returns the tasks found under today's titles (a database seeded
    by an older release may have had other wording)."""
    if Workstream.objects.filter(rollout=rollout).exists():
        found = Task.objects.filter(rollout=rollout, title__in=TASK_TITLES.values())
        by_title = {task.title: task for task in found}
        return {key: by_title[title] for key, title in TASK_TITLES.items() if title in by_title}
    ceo = rollout_people["ceo"]
    departments = {d.code: d for d in Department.objects.all()}
    today = timezone.localdate()
    workstreams = {
        key: work.workstream_create(
            by=ceo,
            rollout=rollout,
            name=name,
            description=description,
            is_core=core,
            department_ids=[departments[code].pk for code in codes],
        )
        for key, name, core, codes, description in WORKSTREAMS
    }
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
    created: dict[str, Task] = {}
    for key, title, ws, obj, dept, assignees, due, estimate, age, (status, logs) in TASKS:
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
        created[key] = task
    # Batch 2 of the clean-up waits for batch 1.
    work.task_dependency_add(
        by=ceo, task=created["cleanup_batch2"], blocker=created["cleanup_batch1"]
    )
    _reviews(rollout, rollout_people)
    return created


def _backdate(task: Task, age: int) -> None:
    now = timezone.now()
    Task.objects.filter(pk=task.pk).update(created_at=now - timedelta(days=age))
    if task.status == Task.Status.VERIFIED:
        Task.objects.filter(pk=task.pk).update(verified_at=now - timedelta(days=max(age - 14, 1)))


def _reviews(rollout: Rollout, people: dict[str, User]) -> None:
    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    month_before = (last_month - timedelta(days=1)).replace(day=1)
    # Two months for some, so the staffing answer form shows a history; the finance
    # members' reviews are what finance.manager sees when answering the key-user request.
    for manager, member, period, scores, comment in (
        ("sales.manager", "member1", month_before, (3, 4, 4, 3), "Keen; rushes the details."),
        ("sales.manager", "member1", last_month, (4, 4, 5, 3),
         "Drives the clean-up; check field details."),
        ("sales.manager", "member2", last_month, (3, 3, 4, 4), "Careful and steady. 认真细致。"),
        ("it.manager", "member3", last_month, (4, 5, 3, 3), "Confident; SSO is late."),
        ("finance.manager", "member5", month_before, (3, 3, 4, 5),
         "Patient with account codes. 对科目编码很有耐心。"),
        ("finance.manager", "member5", last_month, (4, 4, 4, 5), "Found the duplicate customers."),
        ("finance.manager", "member6", last_month, (2, 3, 3, 4),
         "Waits to be asked; careful once started."),
    ):  # fmt: skip
        review_services.quality_review_create(
            by=people[manager],
            rollout=rollout,
            member=people[member],
            period=period,
            enterprising=scores[0],
            confidence=scores[1],
            responsibility=scores[2],
            meticulousness=scores[3],
            comment=comment,
        )
