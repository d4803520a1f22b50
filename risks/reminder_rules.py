"""The register's part of the reminders: its rule for the sweep (notifications.services.sweep)
- an open risk whose mitigation is overdue reminds its owner, then climbs the ladder to the
manager of the owner's department and the executive. Mitigating, accepting or closing it,
or giving it a later date, withdraws them (risks.services.risk_update). Registered from
RisksConfig.ready()."""

from django.urls import reverse

from notifications.reminder_keys import RiskOverdueKey
from notifications.services.reminders import NewReminder
from notifications.services.sweep import Context, climb, sweep_rule_register
from risks.models import Risk
from risks.policies import overdue


def _risks_overdue(context: Context) -> list[NewReminder]:
    out = []
    risks = Risk.objects.filter(overdue(context.today), rollout_id__in=list(context.rollouts))
    for risk in risks.select_related("owner"):
        assert risk.due_date is not None  # noqa: S101  # overdue() asks for a date
        owner = risk.owner
        params: dict[str, object] = {
            "person_id": owner.pk,
            "person": str(owner),
            "risk_en": risk.title,
            "risk_zh_hans": risk.title_zh_hans,
            "due": str(risk.due_date),
        }
        out += climb(
            context,
            risk.rollout_id,
            risk.due_date,
            RiskOverdueKey(risk_id=risk.pk, due=risk.due_date),
            _ladder(
                owner.pk,
                context.manager.get((risk.rollout_id, owner.department_id or 0)),
                context.executive.get(risk.rollout_id),
            ),
            reverse("risks:risk_edit", args=[risk.rollout_id, risk.pk]),
            params,
        )
    return out


def _ladder(owner: int, manager: int | None, executive: int | None) -> list[int | None]:
    """The owner, their department's manager, the executive: a rung that would remind the
    owner again (a manager's or the executive's own risk) is skipped."""
    return [owner, *(person if person != owner else None for person in (manager, executive))]


def reminders_register() -> None:
    """Called from RisksConfig.ready()."""
    sweep_rule_register("risks.mitigations_overdue", _risks_overdue)
