"""The register's part of My work (core.waiting): the risks whose mitigation is overdue, for
their owner. Registered from RisksConfig.ready(). One query, however many rollouts."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.waiting import WaitingItem, register_waiting
from risks.models import Risk
from risks.policies import overdue
from roles.models import User
from rollout.permissions import holds_rollout_permission


def mitigations_overdue(person: User) -> QuerySet[Risk]:
    """Open risks the person owns, overdue, on rollouts they still see."""
    return Risk.objects.filter(overdue(timezone.localdate()), owner_id=person.pk).filter(
        holds_rollout_permission(person, "view_rollout")
    )


def _items(ids: list[int]) -> list[WaitingItem]:
    action = _("Record the risk's mitigation or set a new date")
    return [
        WaitingItem(
            kind="risk",
            action=action,
            subject=risk.shown_title,
            rollout_name=risk.rollout.name,
            since=risk.created_at,
            url=reverse("risks:risk_edit", args=[risk.rollout_id, risk.pk]),
            due=risk.due_date,
        )
        for risk in Risk.objects.filter(pk__in=ids).select_related("rollout")
    ]


def waiting_register() -> None:
    """Called from RisksConfig.ready()."""
    register_waiting("risk", _items, pending=mitigations_overdue)
