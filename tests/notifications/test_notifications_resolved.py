"""A reminder's notification is resolved when what it asks for is done, in the same
transaction: shown as done, no longer counted by the bell (which drops on the very page
the person lands on), and not mailed in a later digest. One test for each kind resolved."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from gates import services as gates
from gates.models import Decision, DecisionCondition, Gate
from gates.selectors.evidence_pack import evidence_pack
from notifications.models import Notification
from notifications.reminder_keys import ConditionDueKey, TaskDueKey, TaskOverdueKey
from notifications.services.digests import email_digests_send
from notifications.services.reminders import (
    NewReminder,
    reminders_dispatch,
    reminders_put,
    reminders_withdraw,
)
from notifications.services.sweep import reminders_sweep
from roles.models import User
from rollout.models import Rollout
from staffing import services as staffing
from tests.notifications.spare_keys import NO_TASK, SPARE, spare_key
from tests.staffing.staffing_data import ask, commit_member1
from work import services as work
from work.models import Task

pytestmark = pytest.mark.django_db


def sent(stem: str, recipient: User, *, days_later: int = 0) -> Notification:
    """The notification a reminder about `stem` became for the recipient, swept and sent
    now (or `days_later`: rows written once, like conditions, cannot be back-dated)."""
    now = timezone.now() + timedelta(days=days_later) if days_later else None
    reminders_sweep(now=now)
    reminders_dispatch(now=now)  # a reminder is due from the moment it is put
    return Notification.objects.get(
        Q(reminder__key=stem) | Q(reminder__key__startswith=f"{stem}:"),
        recipient=recipient,
        resolved_at__isnull=True,
    )


def bell(client) -> int:
    # The bell's count is asked when the page shows it (a callable, cached: what it showed).
    unread: int = client.get(reverse("notifications:notifications")).context[
        "unread_notifications"
    ]()
    return unread


def bell_drops_by_one(client, person: User, url: str, data: dict[str, str] | None = None) -> bool:
    """`person` posts to `url`: the page they land on shows one unread notification fewer."""
    client.force_login(person)
    before = bell(client)
    response = client.post(url, data or {}, follow=True)
    return bool(response.context["unread_notifications"]() == before - 1)


def is_resolved(notification: Notification) -> bool:
    notification.refresh_from_db()
    return notification.resolved_at is not None and notification.read_at is not None


def test_answering_a_request_resolves_its_reminder(client, demo, crm):
    request = ask(demo, crm, demo["sales.manager"].department)
    notification = sent(f"request_waiting:{request.pk}", demo["sales.manager"])
    url = reverse("staffing:staffing_answer", args=[crm.pk, request.pk])
    answer = {"reason": "Everyone is on the year-end close."}
    assert bell_drops_by_one(client, demo["sales.manager"], url, answer)
    assert is_resolved(notification)


def test_confirming_a_commitment_resolves_its_reminder(client, demo, crm):
    commitment = commit_member1(demo, crm, "2")
    notification = sent(f"commitment_to_confirm:{commitment.pk}", demo["member1"])
    url = reverse("staffing:commitment_confirm", args=[crm.pk, commitment.pk])
    assert bell_drops_by_one(client, demo["member1"], url)
    assert is_resolved(notification)


def test_pulling_back_after_a_conflict_resolves_the_managers_reminder(client, demo, crm):
    commitment = commit_member1(demo, crm, "2")
    staffing.commitment_conflict(by=demo["member1"], commitment=commitment, reason="On leave.")
    notification = sent(f"commitment_conflict:{commitment.pk}", demo["sales.manager"])
    url = reverse("staffing:commitment_pull_back", args=[crm.pk, commitment.pk])
    pull_back = {"from_date": str(commitment.start_date), "reason": "Someone else goes."}
    assert bell_drops_by_one(client, demo["sales.manager"], url, pull_back)
    assert is_resolved(notification)


def test_confirming_after_all_resolves_the_conflict_raised(demo, crm):
    commitment = commit_member1(demo, crm, "2")
    staffing.commitment_conflict(by=demo["member1"], commitment=commitment, reason="On leave.")
    notification = sent(f"commitment_conflict:{commitment.pk}", demo["sales.manager"])
    staffing.commitment_confirm(by=demo["member1"], commitment=commitment)
    assert is_resolved(notification)


def member1_task(demo, crm: Rollout, due_in_days: int) -> Task:
    return work.task_create(
        by=demo["ceo"],
        rollout=crm,
        title="Import the price lists",
        workstream=crm.workstreams.earliest("pk"),
        department_id=demo["member1"].department_id,
        assignees=[demo["member1"]],
        due_date=timezone.localdate() + timedelta(days=due_in_days),
        estimate_hours=Decimal("2"),
    )


def test_claiming_a_task_done_resolves_its_due_reminder(client, demo, crm):
    task = member1_task(demo, crm, due_in_days=0)
    notification = sent(f"task_due:{task.pk}", demo["member1"])
    client.force_login(demo["member1"])
    before = bell(client)
    work.task_claim_done(by=demo["member1"], task=task)
    assert bell(client) == before - 1
    assert is_resolved(notification)


def test_claiming_an_overdue_task_resolves_every_rung_of_the_ladder(demo, crm):
    Task.objects.filter(pk=(task := member1_task(demo, crm, due_in_days=0)).pk).update(
        due_date=timezone.localdate() - timedelta(days=40)
    )
    rungs = [
        sent(f"task_overdue:{task.pk}", demo[name]) for name in ("member1", "sales.manager", "ceo")
    ]
    work.task_claim_done(by=demo["member1"], task=task)
    assert [is_resolved(n) for n in rungs] == [True, True, True]


def decide(demo, gate: Gate, outcome: str, **extra: object) -> Decision:
    gate.refresh_from_db()
    return gates.decision_record(
        by=demo["ceo"],
        gate=gate,
        outcome=outcome,
        reason="Decided on the evidence.",
        evidence_fingerprint=evidence_pack(gate=gate).fingerprint,
        gate_version=gate.version,
        submission=uuid.uuid4(),
        **extra,  # type: ignore[arg-type]  # what the outcome needs, as the caller gives it
    )


@pytest.fixture
def select_gate(crm) -> Gate:
    """Recycled in the demo, waiting for the executive again."""
    return Gate.objects.get(rollout=crm, key="select")


def test_deciding_a_gate_resolves_the_reminder_to_decide_it(client, demo, select_gate):
    Gate.objects.filter(pk=select_gate.pk).update(opened_at=timezone.now() - timedelta(days=60))
    notification = sent(f"gate_waiting:{select_gate.pk}", demo["ceo"])
    client.force_login(demo["ceo"])
    before = bell(client)
    decide(demo, select_gate, "go")
    assert bell(client) == before - 1
    assert is_resolved(notification)


def test_deciding_a_held_gate_again_resolves_the_reminder_of_the_day(demo, select_gate):
    decide(demo, select_gate, "hold", decide_again_on=timezone.localdate() + timedelta(days=3))
    Gate.objects.filter(pk=select_gate.pk).update(decide_again_on=timezone.localdate())
    notification = sent(f"gate_decide_again:{select_gate.pk}", demo["ceo"])
    decide(demo, select_gate, "go")
    assert is_resolved(notification)


def conditional_go(demo, gate: Gate) -> DecisionCondition:
    """Go on the gate on condition that the sales manager signs the DPA, due today."""
    go = decide(
        demo,
        gate,
        "go_conditions",
        conditions=[("Sign the DPA", demo["sales.manager"], timezone.localdate())],
    )
    return go.conditions.get()


def test_meeting_a_condition_resolves_its_due_reminder(client, demo, crm, select_gate):
    condition = conditional_go(demo, select_gate)
    notification = sent(f"condition_due:{condition.pk}", demo["sales.manager"])
    url = reverse("gates:condition_met", args=[crm.pk, condition.pk])
    assert bell_drops_by_one(client, demo["sales.manager"], url, {"note": "Signed."})
    assert is_resolved(notification)


def test_meeting_an_overdue_condition_resolves_the_owners_and_the_executives(
    client, demo, crm, select_gate
):
    condition = conditional_go(demo, select_gate)
    rungs = [
        sent(f"condition_overdue:{condition.pk}", demo[name], days_later=40)
        for name in ("sales.manager", "ceo")
    ]
    client.force_login(demo["ceo"])
    client.post(reverse("gates:condition_met", args=[crm.pk, condition.pk]), {"note": "Signed."})
    assert [is_resolved(n) for n in rungs] == [True, True]


def test_a_change_of_mind_resolves_the_conditions_it_supersedes(demo, select_gate):
    condition = conditional_go(demo, select_gate)
    notification = sent(f"condition_due:{condition.pk}", demo["sales.manager"])
    decide(demo, select_gate, "hold", decide_again_on=timezone.localdate() + timedelta(days=3))
    assert is_resolved(notification)


def test_only_the_reminders_of_what_was_done_are_resolved(demo, crm):
    """About thing 1 names its key (`condition_due:1`) and the keys under it
    (`task_due:1:7`), never thing 12's (`task_due:12:7`) nor another kind's."""
    one, twelve = NO_TASK, int(f"{NO_TASK}2")  # twelve's digits start with one's
    done = [ConditionDueKey(condition_id=one), TaskDueKey(task_id=one, person_id=7)]
    kept = [
        ConditionDueKey(condition_id=twelve),
        TaskDueKey(task_id=twelve, person_id=7),
        TaskOverdueKey(task_id=one, person_id=7),
    ]
    reminders_put([NewReminder(k, demo["member1"].pk, crm.pk, "/", {}) for k in done + kept])
    reminders_dispatch()
    reminders_withdraw(about=[ConditionDueKey.about(one), TaskDueKey.about(one)])
    keys = [k.key for k in done + kept]
    resolved = Notification.objects.filter(reminder__key__in=keys, resolved_at__isnull=False)
    assert sorted(resolved.values_list("reminder__key", flat=True)) == sorted(k.key for k in done)


def test_an_unsent_reminder_of_what_was_done_is_dropped(demo, crm):
    reminders_put([NewReminder(spare_key(1), demo["member1"].pk, crm.pk, "/", {})])
    assert reminders_withdraw(about=[SPARE]) == 1


def test_the_page_shows_a_resolved_notification_as_done(client, demo, crm):
    commitment = commit_member1(demo, crm, "2")
    notification = sent(f"commitment_to_confirm:{commitment.pk}", demo["member1"])
    staffing.commitment_confirm(by=demo["member1"], commitment=commitment)
    client.force_login(demo["member1"])
    page = client.get(reverse("notifications:notifications")).content.decode()
    row = page.split(notification.text)[1].split("</li>")[0]
    assert "notification-done" in row
    assert "unread" not in row


def test_a_digest_leaves_out_what_was_done_before_it_went(demo, crm):
    commitment = commit_member1(demo, crm, "2")
    notification = sent(f"commitment_to_confirm:{commitment.pk}", demo["member1"])
    Notification.objects.filter(recipient=demo["member1"]).exclude(pk=notification.pk).update(
        emailed_at=timezone.now()
    )
    staffing.commitment_confirm(by=demo["member1"], commitment=commitment)
    mail.outbox.clear()
    email_digests_send(frequency=demo["member1"].email_digest)
    assert [m for m in mail.outbox if m.to == [demo["member1"].email]] == []
    notification.refresh_from_db()
    assert notification.emailed_at is not None  # handled: not looked at by every digest again
