"""An overdue improvement reminds its owner through the outbox once per due date, leaves
with done or dropped, and waits in the owner's My work until then."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.waiting import waiting_count
from notifications.models import Notification, Reminder
from notifications.services.reminders import reminders_dispatch
from notifications.services.sweep import reminders_sweep
from tests.gates.test_my_work_page import MY_WORK_CACHED_QUERIES
from tests.query_counts import get_cached_page
from tests.waiting_items import waiting
from tests.work.backlog_data import add_item, add_items, item_input
from work.improvement_services import improvement_status_set, improvement_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(demo, crm):
    """Owned by member1, due yesterday (the first rung only: the owner)."""
    yesterday = timezone.localdate() - timedelta(days=1)
    return add_item(
        crm,
        demo["sales.manager"],
        title="Tidy the leads",
        owner=demo["member1"],
        due_date=yesterday,
    )


def reminders_of(item):
    return Reminder.objects.filter(
        kind="improvement_overdue", key__startswith=f"improvement_overdue:{item.pk}:"
    )


def test_an_overdue_item_reminds_its_owner_exactly_once(demo, overdue):
    reminders_sweep()
    reminders_sweep()  # a second sweep in the same period adds nothing
    assert list(reminders_of(overdue).values_list("recipient__username", flat=True)) == ["member1"]


def test_an_item_due_today_is_not_reminded(demo, crm):
    item = add_item(crm, demo["sales.manager"], due_date=timezone.localdate())
    reminders_sweep()
    assert not reminders_of(item).exists()


def test_done_resolves_the_reminder_sent(demo, overdue):
    reminders_sweep()
    reminders_dispatch()
    notification = Notification.objects.get(reminder__in=reminders_of(overdue))
    assert "Tidy the leads" in notification.text
    improvement_status_set(by=demo["member1"], item=overdue, status="done")
    notification.refresh_from_db()
    assert notification.resolved_at is not None
    reminders_sweep()
    assert reminders_of(overdue).count() == 1  # the sent one, resolved; nothing new


def test_dropping_it_withdraws_a_reminder_not_yet_sent(demo, overdue):
    reminders_sweep()
    improvement_status_set(by=demo["member1"], item=overdue, status="dropped", reason="Moot")
    assert not reminders_of(overdue).exists()


def test_in_progress_keeps_reminding(demo, overdue):
    improvement_status_set(by=demo["member1"], item=overdue, status="in_progress")
    reminders_sweep()
    assert reminders_of(overdue).count() == 1


def test_a_new_date_that_passes_reminds_again(demo, overdue):
    reminders_sweep()
    reminders_dispatch()
    improvement_update(
        by=demo["sales.manager"],
        item=overdue,
        data=item_input(
            title="Tidy the leads",
            owner=demo["member1"],
            due_date=timezone.localdate() - timedelta(days=2),
        ),
    )
    reminders_sweep()
    # Once for each date (two days overdue may also have climbed a rung: not counted here).
    dates = reminders_of(overdue).filter(level=0).values_list("params__due", flat=True)
    assert sorted(dates) == sorted(
        {str(overdue.due_date), str(timezone.localdate() - timedelta(days=2))}
    )


def test_the_owner_finds_it_in_my_work_until_it_is_done(demo, overdue):
    member = demo["member1"]
    before = waiting_count(member)
    assert waiting(member, "improvement") == ["Tidy the leads"]
    improvement_status_set(by=member, item=overdue, status="done")
    assert waiting(member, "improvement") == []
    assert waiting_count(member) == before - 1


def test_an_item_not_yet_due_is_not_in_my_work(demo, crm):
    add_item(crm, demo["sales.manager"], owner=demo["member1"], title="Later")
    assert waiting(demo["member1"], "improvement") == []


def test_long_overdue_it_climbs_to_the_manager_and_the_executive(demo, crm):
    long_ago = timezone.localdate() - timedelta(days=21)
    item = add_item(
        crm, demo["sales.manager"], title="Old", owner=demo["member1"], due_date=long_ago
    )
    reminders_sweep()
    recipients = reminders_of(item).order_by("level").values_list("recipient__username", "level")
    assert list(recipients) == [("member1", 0), ("sales.manager", 1), ("ceo", 2)]


# member1's My work, computed (after a write): the session and the person, every rollout's
# version (the page cache's key), the ids of every kind (one query), the rollouts, one
# query for each kind they have items of (tasks, improvements), the rollout cards and the
# bell; then from the cache: the same with 10 or 200 items in their backlog.
MY_WORK_QUERIES = 10


@pytest.mark.parametrize("count", [10, 200])
def test_my_work_keeps_its_query_count_with_the_overdue_items(client, demo, crm, count):
    add_items(crm, demo["member1"], count)
    client.force_login(demo["member1"])
    counts = {"fresh": MY_WORK_QUERIES, "cached": MY_WORK_CACHED_QUERIES}
    get_cached_page(client, reverse("gates:home"), rollout_id=crm.pk, **counts)
    assert waiting(demo["member1"], "improvement")  # some of them are overdue
