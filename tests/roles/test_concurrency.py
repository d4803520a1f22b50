"""Races on real PostgreSQL row locks: two managers committing the same person at the
same moment, and two dispatchers running at once. Each thread has its own connection."""

import threading
import time
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from roles import services as role_services
from roles.models import Notification, Role
from roles.services.reminders import NewReminder, reminders_dispatch, reminders_put
from rollout.calendar import week_start
from staffing import services as staffing
from staffing.models import Commitment, StaffingRequest
from tests.factories import UserFactory
from tests.roles.spare_keys import SPARE, spare_key

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="row locks need PostgreSQL (CI runs these on it)",
    ),
]


# Waits are on conditions; the cap only turns a hang into a failure on a busy machine.
WAIT_CAP_SECONDS = 60


def run_together(*jobs: Callable[[], Any]) -> list[Any]:
    """Start the jobs at the same instant, each on its own thread and connection."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(index: int, job: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[index] = job()
        except Exception as error:  # the test inspects what each thread got
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2 * WAIT_CAP_SECONDS)  # a cap: a hung thread fails the test
    return results


def test_two_managers_cannot_both_fill_the_same_persons_week(demo, crm, pilot, monkeypatch):
    sales = demo["sales.manager"].department
    pilot_manager = UserFactory.create(department=sales)
    role_services.role_assign(
        by=demo["admin"], rollout=pilot, person=pilot_manager, role=Role.MANAGER, department=sales
    )
    start = week_start(timezone.localdate()) + timedelta(weeks=10)  # after the demo's commitments
    requests = [
        staffing.staffing_request_create(
            by=by,
            rollout=rollout,
            department=sales,
            purpose="testing",
            hours_per_week=Decimal("30"),
            start_date=start,
            end_date=start + timedelta(days=6),
        )
        for by, rollout in ((demo["ceo"], crm), (demo["pilot.lead"], pilot))
    ]
    # Widen the window between reading the person's hours and writing the commitment, so
    # without the row lock both managers would read 40 free hours and both would commit.
    original = staffing.capacity_check

    def slow_check(*args: Any, **kwargs: Any) -> None:
        original(*args, **kwargs)
        time.sleep(0.5)

    monkeypatch.setattr(staffing, "capacity_check", slow_check)
    member1 = demo["member1"]
    results = run_together(
        lambda: staffing.staffing_answer(
            by=demo["sales.manager"], request=requests[0], people=[(member1, Decimal("30"))]
        ),
        lambda: staffing.staffing_answer(
            by=pilot_manager, request=requests[1], people=[(member1, Decimal("30"))]
        ),
    )
    refused = [r for r in results if isinstance(r, staffing.StaffingError)]
    assert len(refused) == 1
    assert "has only 10 of 40 hours free" in str(refused[0])
    assert Commitment.objects.filter(person=member1, start_date=start).count() == 1


def test_two_dispatchers_at_once_send_each_reminder_once(demo, crm):
    reminders_dispatch()
    reminders_put(
        [NewReminder(spare_key(n), demo["member1"].pk, crm.pk, "/", {}) for n in range(300)]
    )
    sent = run_together(lambda: reminders_dispatch(batch=20), lambda: reminders_dispatch(batch=20))
    assert sum(sent) == 300
    assert Notification.objects.filter(reminder__key__startswith=SPARE.prefix).count() == 300


def test_a_request_stays_answered_once_when_two_answers_race(demo, crm, monkeypatch):
    sales = demo["sales.manager"].department
    start = week_start(timezone.localdate()) + timedelta(weeks=12)
    request = staffing.staffing_request_create(
        by=demo["ceo"], rollout=crm, department=sales, purpose="testing",
        hours_per_week=Decimal("2"), start_date=start, end_date=start + timedelta(days=6),
    )  # fmt: skip
    answer = [(demo["member2"], Decimal("2"))]
    results = run_together(
        lambda: staffing.staffing_answer(by=demo["sales.manager"], request=request, people=answer),
        lambda: staffing.staffing_answer(by=demo["sales.manager"], request=request, people=answer),
    )
    assert sum(isinstance(r, staffing.StaffingError) for r in results) == 1
    assert StaffingRequest.objects.get(pk=request.pk).commitments.count() == 1


def lock_waiters() -> int:
    """Other connections to this database waiting for a row lock now."""
    with connections["default"].cursor() as cursor:
        # Inside a transaction PostgreSQL answers the statistics views from a snapshot taken
        # at their first read: without clearing it, a waiter that came later is never seen.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def test_a_reminder_sent_while_it_is_withdrawn_is_resolved_not_lost(demo, crm, monkeypatch):
    """The dispatcher has claimed the reminder (row lock) when the thing it asks for is
    done: the withdrawal waits for the dispatcher, then resolves the notification it made,
    instead of deleting the reminder under it (a foreign-key error at commit)."""
    from roles.services import reminders

    reminders_dispatch()  # the demo's own reminders
    reminders_put([NewReminder(spare_key(1), demo["member1"].pk, crm.pk, "/", {})])
    claimed = threading.Event()
    original = reminders._render

    def render_once_the_withdrawal_waits(reminder: Any) -> str:
        claimed.set()
        deadline = time.monotonic() + WAIT_CAP_SECONDS
        while lock_waiters() == 0:  # polling a condition: the other thread waits on our lock
            assert time.monotonic() < deadline, "the withdrawal never waited on the claimed row"
            time.sleep(0.01)
        return original(reminder)

    monkeypatch.setattr(reminders, "_render", render_once_the_withdrawal_waits)

    def withdraw() -> int:
        assert claimed.wait(timeout=WAIT_CAP_SECONDS), "the dispatcher never claimed the reminder"
        with transaction.atomic():
            return reminders.reminders_withdraw(about=[SPARE])

    sent, withdrawn = run_together(reminders_dispatch, withdraw)
    assert (sent, withdrawn) == (1, 0)
    assert Notification.objects.get(reminder__key=spare_key(1).key).resolved_at is not None
