"""The demo rollout's gates: adoption passed with a condition, selection recycled and now
waiting again for the executive, with recommendations from a manager and the senior seat."""

import uuid
from datetime import timedelta

from django.utils import timezone

from gates import services as gate_services
from gates.models import Gate, GateCriterion
from gates.selectors.evidence_pack import evidence_pack
from roles.models import User
from rollout.models import Rollout


def seed_gates(*, rollout: Rollout, people: dict[str, User], executive: str) -> None:
    """Idempotent: creates the phases when missing; tells the story once."""
    if not Gate.objects.filter(rollout=rollout).exists():
        gate_services.gates_create(rollout=rollout, confirmer=people[executive])
    if executive != "ceo" or Gate.objects.filter(rollout=rollout).exclude(decisions=None).exists():
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
    )
    gate_services.recommendation_add(
        by=people["sel.senior"],
        gate=select,
        advice="hold",
        reason="Wait for the second round of scores. 等第二轮评分。",
    )
    Gate.objects.filter(pk=select.pk).update(opened_at=timezone.now() - timedelta(days=3))


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
