"""A decision and a digest waiting in the outbox, the demo's own already out of the way."""

import uuid
from datetime import datetime

from django.utils import timezone

from gates import services
from gates.models import Decision, DecisionBrief, DecisionMailing, Gate
from gates.selectors.evidence_pack import evidence_pack
from notifications.models import Notification
from notifications.outboxes import outboxes_send
from roles import selectors
from roles.models import User
from rollout.models import Rollout


def nothing_else_waiting() -> None:
    """The demo's decisions and notifications count as mailed: a test sees its own only."""
    DecisionMailing.objects.update(sent_at=timezone.now())
    DecisionBrief.objects.update(pdf="briefs/seeded.pdf", rendered_at=timezone.now())
    Notification.objects.update(emailed_at=timezone.now())


def a_decision(demo: dict[str, User], crm: Rollout) -> Decision:
    gate = Gate.objects.get(rollout=crm, key="select")
    return services.decision_record(
        by=demo["ceo"],
        gate=gate,
        outcome="go",
        reason="Fits our service process",
        evidence_fingerprint=evidence_pack(gate=gate).fingerprint,
        gate_version=gate.version,
        submission=uuid.uuid4(),
    )


def readers_by_language(crm: Rollout) -> dict[str, set[str]]:
    """Who the decision's e-mail is for: the rollout's people who take e-mail."""
    readers: dict[str, set[str]] = {}
    for person in selectors.people_of_rollout(rollout=crm).filter(email_reminders=True):
        if person.email:
            readers.setdefault(person.preferred_language, set()).add(person.email)
    return readers


def a_notification(person: User, text: str = "Task Customer fields is due Friday") -> Notification:
    return Notification.objects.create(recipient=person, text=text, url="/")


def dispatch(now: datetime) -> int:
    """What beat's dispatcher does with the outboxes at `now`."""
    return outboxes_send(now=now)
