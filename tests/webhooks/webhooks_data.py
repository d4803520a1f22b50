"""Endpoints on the test receiver, and the three business changes that tell webhooks."""

import uuid
from typing import Any

from gates import services as gates
from gates.models import Decision, Gate
from gates.selectors.evidence_pack import evidence_pack
from rollout.models import Rollout
from staffing import services as staffing
from staffing.models import Commitment
from tests.webhooks.receiver import Receiver
from webhooks.models import WebhookEndpoint
from webhooks.services import endpoint_create
from work import services as work
from work.models import Task


def endpoint_at(
    receiver: Receiver, by: Any, rollout: Rollout, path: str, **events: Any
) -> WebhookEndpoint:
    """An endpoint at `path` of the receiver, which is told its secret to check."""
    endpoint, secret = endpoint_create(by=by, rollout=rollout, url=receiver.url(path), **events)
    receiver.secrets[path] = secret
    return endpoint


def decide(demo: dict[str, Any], rollout: Rollout) -> Decision:
    """The executive says Go at the CRM's selection gate (waiting in the demo)."""
    gate = Gate.objects.get(rollout=rollout, key="select")
    return gates.decision_record(
        by=demo["ceo"], gate=gate, outcome="go", reason="Compared on service",
        evidence_fingerprint=evidence_pack(gate=gate).fingerprint,
        gate_version=gate.version, submission=uuid.uuid4(),
    )  # fmt: skip


def verify(demo: dict[str, Any], rollout: Rollout) -> Task:
    """A task claimed done, verified by its department's manager."""
    task = rollout.tasks.filter(status="claimed").select_related("department").first()
    assert task is not None
    manager = {"sales": "sales.manager", "it": "it.manager", "finance": "finance.manager"}
    return work.task_verify(by=demo[manager[task.department.code]], task=task)


def pull_back(demo: dict[str, Any]) -> Commitment:
    """Sales' manager ends member1's commitment on its last day."""
    commitment = Commitment.objects.select_related("request").get(person=demo["member1"])
    return staffing.commitment_pull_back(
        by=demo["sales.manager"], commitment=commitment, from_date=commitment.end_date,
        reason="Needed on the pilot",
    )  # fmt: skip
