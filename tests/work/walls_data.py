"""Rows for the walls' tests: many hand-offs and old ways on the demo's lead-to-order
workstream, written in bulk (the services are tested on their own)."""

from datetime import timedelta

from django.utils import timezone

from demo.keys import demo_workstream
from roles.models import Department, User
from rollout.models import Rollout
from work.models import Workstream
from work.walls import Handoff, HandoffState, OldWayKind, OldWayRetirement


def lead_to_order(rollout: Rollout) -> Workstream:
    """Crosses Sales, Production and Finance; Sales' and Finance's managers are on the CRM."""
    return demo_workstream(rollout, "lead_to_order")


def add_walls(rollout: Rollout, owner: User, count: int) -> None:
    """`count` hand-offs in every state and `count` old ways, some overdue, some retired."""
    workstream = lead_to_order(rollout)
    sales, finance = Department.objects.get(code="sales"), Department.objects.get(code="finance")
    states = HandoffState.values
    start = Handoff.objects.count()
    Handoff.objects.bulk_create(
        Handoff(
            workstream=workstream,
            from_department=sales if n % 2 else finance,
            to_department=finance if n % 2 else sales,
            what=f"Hand-off {n}",
            owner=owner,
            state=states[n % len(states)],
            created_by=owner,
        )
        for n in range(start, start + count)
    )
    today = timezone.localdate()
    OldWayRetirement.objects.bulk_create(
        OldWayRetirement(
            workstream=workstream,
            kind=OldWayKind.values[n % len(OldWayKind.values)],
            description=f"Old way {n}",
            owner=owner,
            retire_by=today + timedelta(days=n % 20 - 10),
            retired_at=timezone.now() if n % 3 == 0 else None,
            retired_by=owner if n % 3 == 0 else None,
            created_by=owner,
        )
        for n in range(start, start + count)
    )
