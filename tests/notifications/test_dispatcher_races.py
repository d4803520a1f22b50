"""Races on real PostgreSQL row locks in the outbox: two dispatchers running at once, and
a reminder withdrawn while a dispatcher sends it. Each thread has its own connection."""

import threading
import time
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction

from notifications.models import Notification
from notifications.services.reminders import NewReminder, reminders_dispatch, reminders_put
from tests.notifications.spare_keys import SPARE, spare_key
from tests.races import WAIT_CAP_SECONDS, lock_waiters, run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="row locks need PostgreSQL (CI runs these on it)",
    ),
]


def test_two_dispatchers_at_once_send_each_reminder_once(demo, crm):
    reminders_dispatch()
    reminders_put(
        [NewReminder(spare_key(n), demo["member1"].pk, crm.pk, "/", {}) for n in range(300)]
    )
    sent = run_together(lambda: reminders_dispatch(batch=20), lambda: reminders_dispatch(batch=20))
    assert sum(sent) == 300
    assert Notification.objects.filter(reminder__key__startswith=SPARE.prefix).count() == 300


def test_a_reminder_sent_while_it_is_withdrawn_is_resolved_not_lost(demo, crm, monkeypatch):
    """The dispatcher has claimed the reminder (row lock) when the thing it asks for is
    done: the withdrawal waits for the dispatcher, then resolves the notification it made,
    instead of deleting the reminder under it (a foreign-key error at commit)."""
    from notifications.services import reminders

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
