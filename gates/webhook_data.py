"""What a "decision.recorded" webhook tells (webhooks.emission): read only when an endpoint
of the rollout wants it."""

from typing import Any

from gates.models import Decision
from webhooks.payloads import person_data, when


def decision_data(decision: Decision) -> dict[str, Any]:
    gate = decision.gate
    return {
        "decision": {
            "id": decision.pk,
            "outcome": decision.outcome,
            "reason": decision.reason,
            "decided_at": when(decision.created_at),
            "decided_by": person_data(decision.decided_by),
            "decide_again_on": when(decision.decide_again_on),
            "supersedes": decision.supersedes_id,
            "conditions": [
                {"text": c.text, "owner": person_data(c.owner), "due_date": when(c.due_date)}
                for c in decision.conditions.select_related("owner").order_by("pk")
            ],
        },
        "gate": {"id": gate.pk, "key": gate.key, "name": gate.name_en, "status": gate.status},
    }
