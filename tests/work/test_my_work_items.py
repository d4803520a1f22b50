"""My work's work items: a claim waits on the department's middle manager only, a task due
within two weeks (or overdue) on its assignees only; each leaves the list as soon as it is
done, and the task's reminder's notification is resolved in the same step."""

import pytest

from tests.notifications.test_notifications_resolved import is_resolved, member1_task, sent
from tests.waiting_items import waiting
from work import services as work
from work.waiting import DUE_WITHIN_DAYS

pytestmark = pytest.mark.django_db

TITLE = "Import the price lists"  # member1_task's


def test_a_task_due_soon_waits_on_its_assignee_only(demo, crm):
    member1_task(demo, crm, due_in_days=3)
    assert TITLE in waiting(demo["member1"], "task")
    for name in ("member2", "sales.manager", "ceo"):
        assert TITLE not in waiting(demo[name], "task"), name


def test_a_task_due_later_does_not_wait_yet(demo, crm):
    member1_task(demo, crm, due_in_days=DUE_WITHIN_DAYS + 1)
    assert TITLE not in waiting(demo["member1"], "task")


def test_a_task_claimed_done_leaves_at_once_and_its_reminder_is_resolved(demo, crm):
    task = member1_task(demo, crm, due_in_days=0)
    notification = sent(f"task_due:{task.pk}", demo["member1"])
    work.task_claim_done(by=demo["member1"], task=task)
    assert TITLE not in waiting(demo["member1"], "task")
    assert is_resolved(notification)


def test_a_claim_waits_on_the_departments_manager_only(demo, crm):
    work.task_claim_done(by=demo["member1"], task=member1_task(demo, crm, due_in_days=3))
    assert TITLE in waiting(demo["sales.manager"], "claim")
    for name in ("it.manager", "ceo", "member1"):
        assert TITLE not in waiting(demo[name], "claim"), name


def test_a_verified_claim_leaves_at_once(demo, crm):
    task = work.task_claim_done(by=demo["member1"], task=member1_task(demo, crm, due_in_days=3))
    work.task_verify(by=demo["sales.manager"], task=task)
    assert TITLE not in waiting(demo["sales.manager"], "claim")


def test_a_claim_sent_back_leaves_the_manager_and_waits_on_the_assignee_again(demo, crm):
    task = work.task_claim_done(by=demo["member1"], task=member1_task(demo, crm, due_in_days=3))
    work.task_send_back(by=demo["sales.manager"], task=task, reason="Add the 2026 prices.")
    assert TITLE not in waiting(demo["sales.manager"], "claim")
    assert TITLE in waiting(demo["member1"], "task")
