"""The home page (My work): everything that waits on the person across their rollouts (the
providers each app registers with core.waiting), then for each rollout the person is in,
their roles with the people each role works with (roles), the gates waiting for a decision
(gates) and whether the rollout runs past its working calendar (rollout's calendar)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from core.waiting import WaitingItem
from gates.models import Gate
from gates.selectors.gates import pending_gates
from roles.models import Role, RoleAssignment, User
from roles.selectors.people import (
    ROLE_ORDER,
    RoleView,
    assignments_for_home,
    own_and_executives,
    role_view,
)
from rollout.models import Rollout
from rollout.permissions import rollouts_for_user
from rollout.selectors.calendar_gaps import CalendarGap, calendar_gaps


@dataclass
class RolloutCard:
    rollout: Rollout
    roles: list[RoleView]
    executive: RoleAssignment | None
    pending_gates: list[Gate] = field(default_factory=list)
    # Shown to whoever answers for the rollout (its executive, an administrator).
    calendar_gap: CalendarGap | None = None


@dataclass(frozen=True)
class WaitingRow:
    item: WaitingItem
    overdue: bool


def waiting_rows(items: list[WaitingItem]) -> list[WaitingRow]:
    """What waits on the person (core.waiting), each marked when overdue."""
    today = timezone.localdate()
    return [WaitingRow(item=item, overdue=item.overdue_on(today)) for item in items]


def home_cards_for_user(*, user: User, with_team: bool = True) -> list[RolloutCard]:
    return home_cards(user=user, rollouts=list(rollouts_for_user(user)), with_team=with_team)


def home_cards(*, user: User, rollouts: list[Rollout], with_team: bool = True) -> list[RolloutCard]:
    """For each rollout the person is in: their roles and (`with_team`) the people each role
    works with, and the gates waiting for a decision; to the executive (or an
    administrator) also whether the rollout runs past its working calendar. Three queries,
    whatever the size of the rollouts, and a fourth for an executive or administrator.
    Without the team, the roles read only the person's own assignments and the executives:
    the closed "your role" panel loads the people when it is opened (gates:role_panel).
    `rollouts` are the ones the person is in (rollout.permissions.rollouts_for_user), read
    by the caller; of the person, only their id and whether a superuser are read here."""
    if not rollouts:
        return []
    ids = [r.pk for r in rollouts]
    by_rollout: dict[int, list[RoleAssignment]] = defaultdict(list)
    loaded = (
        assignments_for_home(rollout_ids=ids, person=user)
        if with_team
        else own_and_executives(rollout_ids=ids, person=user)
    )
    for assignment in loaded:
        by_rollout[assignment.rollout_id].append(assignment)
    waiting: dict[int, list[Gate]] = defaultdict(list)
    for gate in pending_gates(rollout_ids=[r.pk for r in rollouts]):
        waiting[gate.rollout_id].append(gate)
    answerable = [
        r.pk
        for r in rollouts
        if user.is_superuser
        or any(a.person_id == user.pk and a.role == Role.EXECUTIVE for a in by_rollout[r.pk])
    ]
    gaps = calendar_gaps(rollout_ids=answerable)
    cards = []
    for rollout in rollouts:
        everyone = by_rollout[rollout.pk]
        mine = sorted(
            (a for a in everyone if a.person_id == user.pk),
            key=lambda a: ROLE_ORDER.index(Role(a.role)),
        )
        cards.append(
            RolloutCard(
                rollout=rollout,
                roles=[role_view(a, everyone) if with_team else RoleView(a) for a in mine],
                executive=next((a for a in everyone if a.role == Role.EXECUTIVE), None),
                pending_gates=waiting[rollout.pk],
                calendar_gap=gaps.get(rollout.pk),
            )
        )
    return cards
