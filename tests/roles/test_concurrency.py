"""Races on real PostgreSQL row locks: two managers committing the same person at the
same moment, two answers to one request. Each thread has its own connection. (The
dispatchers' races are in tests/notifications/test_dispatcher_races.py.)"""

import threading
import time
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from roles import services as role_services
from roles.models import Role
from rollout.calendar import week_start
from staffing import services as staffing
from staffing.models import Commitment, StaffingRequest
from tests.factories import UserFactory
from tests.races import WAIT_CAP_SECONDS, lock_waiters, run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="row locks need PostgreSQL (CI runs these on it)",
    ),
]


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
    # Hold the first answer between reading the person's hours and writing the commitment
    # until the second is either waiting on its row lock (the rule holds) or has read the
    # same free hours too (the race the lock prevents): without the lock both commit.
    original = staffing.capacity_check

    read_hours: list[int] = []  # one entry per answer that got past the capacity check

    def slow_check(*args: Any, **kwargs: Any) -> None:
        original(*args, **kwargs)
        read_hours.append(threading.get_ident())
        deadline = time.monotonic() + WAIT_CAP_SECONDS
        while lock_waiters() == 0 and len(read_hours) < 2:
            assert time.monotonic() < deadline, "the other answer neither waited nor read"
            time.sleep(0.01)  # polling a condition, not waiting a fixed time

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
