"""The demo rollout's gates: adoption passed with a condition, selection recycled (naming
its phase to redo) and now waiting again for the executive, with recommendations from a
manager and the senior seat. The after-sales pilot's selection gate is decided: it names
the vendor chosen, and why not through a selection team's recommendation."""

import uuid
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from gates import services as gate_services
from gates.decision_records import Records
from gates.models import Gate, GateCriterion
from gates.selectors.evidence_pack import evidence_pack
from roles.models import User
from rollout.models import Rollout
from selection.models import Vendor
from selection.services import selection_setup


def seed_gates(*, rollout: Rollout, people: dict[str, User], executive: str) -> None:
    """Idempotent: creates the phases when missing; tells the story once."""
    if not Gate.objects.filter(rollout=rollout).exists():
        gate_services.gates_create(rollout=rollout, confirmer=people[executive])
    if Gate.objects.filter(rollout=rollout).exclude(decisions=None).exists():
        return
    if executive == "pilot.lead":
        _pilot_story(rollout, people[executive])
    if executive != "ceo":
        return
    ceo = people["ceo"]
    adopt, select = Gate.objects.filter(rollout=rollout).order_by("order")[:2]
    Gate.objects.filter(pk=adopt.pk).update(opened_at=timezone.now() - timedelta(days=9))
    for criterion in adopt.criteria.filter(kind=GateCriterion.Kind.MANUAL):
        gate_services.criterion_confirm(by=ceo, criterion=criterion)
    _decide(
        ceo,
        adopt,
        outcome="go_conditions",
        reason="Goals and objectives are set; budget approved. 目标已定，预算已批。",
        conditions=[
            (
                "Name a key user in every department · 每个部门指定一名关键用户",
                people["sales.manager"],
                timezone.localdate() + timedelta(days=14),
            )
        ],
    )
    select.refresh_from_db()
    Gate.objects.filter(pk=select.pk).update(opened_at=timezone.now() - timedelta(days=6))
    gate_services.recommendation_add(
        by=people["sales.manager"],
        gate=select,
        advice="go",
        reason="Sales wants the cheapest vendor now. 销售部希望尽快选最便宜的。",
    )
    _decide(
        ceo,
        select,
        outcome="recycle",
        reason="Compared on price only; compare service too. 只比了价格，还要比服务。",
        recycle_work=(
            "Redo the vendor demos scoring after-sales service. 重做供应商演示并评估售后服务。"
        ),
        records=Records(recycle_phase=select),
    )
    gate_services.recommendation_add(
        by=people["sel.senior"],
        gate=select,
        advice="hold",
        reason="Wait for the second round of scores. 等第二轮评分。",
    )
    Gate.objects.filter(pk=select.pk).update(opened_at=timezone.now() - timedelta(days=3))


def _pilot_story(rollout: Rollout, lead: User) -> None:
    """A three-month trial has no selection team: the lead adopts it and names the vendor
    whose service-ticket module the after-sales team already tried, saying why."""
    selection_setup(rollout=rollout)
    vendor = Vendor(
        rollout=rollout,
        name="ServiceDesk Cloud · 服务台云",
        reputation="Ticketing for machinery after-sales",
        modules="Service tickets, field visits",
        implementation_method="Configure in two weeks, one region first",
        implementation_weeks=4,
        price_per_user_year=Decimal("600"),
        users=15,
        implementation_fee=Decimal("20000"),
    )
    vendor.full_clean()
    vendor.save()
    adopt, select = Gate.objects.filter(rollout=rollout).order_by("order")[:2]
    for criterion in adopt.criteria.filter(kind=GateCriterion.Kind.MANUAL):
        gate_services.criterion_confirm(by=lead, criterion=criterion)
    _decide(
        lead, adopt, outcome="go", reason="A three-month trial in one region. 一个区域试用三个月。"
    )
    _decide(
        lead,
        select,
        outcome="go",
        reason="Trial its ticket module before a larger choice. 先试用其工单模块再做更大的选择。",
        records=Records(
            vendor=vendor,
            vendor_reason=(
                "No selection team for a trial: the East region's service desk already uses it. "
                "试点不设选型组：华东区服务台已在使用。"
            ),
        ),
    )


def _decide(executive: User, gate: Gate, **choice: object) -> None:
    gate.refresh_from_db()
    pack = evidence_pack(gate=gate)
    gate_services.decision_record(
        by=executive,
        gate=gate,
        evidence_fingerprint=pack.fingerprint,
        gate_version=gate.version,
        submission=uuid.uuid4(),
        **choice,  # type: ignore[arg-type]  # outcome, reason and what that outcome needs
    )
