"""core.waiting: items sorted most urgent then oldest; the count is the list's length, one
query for the kinds that give their queryset, listing the others (a mention provider)."""

import datetime

import pytest
from django.utils import timezone

from core import waiting
from core.waiting import WaitingItem, register_waiting, waiting_count, waiting_for
from roles.models import User
from tests.query_counts import exactly

pytestmark = pytest.mark.django_db

NOW = timezone.now()
TODAY = timezone.localdate()


def item(kind: str, days_ago: int, due_in: int | None = None) -> WaitingItem:
    due = TODAY + datetime.timedelta(days=due_in) if due_in is not None else None
    since = NOW - datetime.timedelta(days=days_ago)
    return WaitingItem(kind, "Do it", f"{kind} {days_ago}", "R", since, "/", due)


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test; the apps' providers come back after it."""
    monkeypatch.setattr(waiting, "_PROVIDERS", {})
    monkeypatch.setattr(waiting, "_PENDING", {})


def test_overdue_first_then_by_due_date_then_oldest(registry, demo):
    register_waiting(
        "a", lambda _person: [item("a", 1), item("a", 9), item("a", 2, 5), item("a", 3, -1)]
    )
    assert [i.subject for i in waiting_for(demo["member1"])] == ["a 3", "a 2", "a 9", "a 1"]


def test_a_kind_registered_twice_by_two_providers_is_refused(registry):
    register_waiting("a", list)
    with pytest.raises(ValueError, match="two providers"):
        register_waiting("a", tuple)


def test_the_count_is_one_query_and_counts_equal_ids_of_two_kinds_twice(registry, demo):
    people = User.objects.filter(username__in=["member1", "member2"])
    register_waiting("a", lambda _person: [], pending=lambda _person: people)
    register_waiting("b", lambda _person: [], pending=lambda _person: people)
    with exactly(1):
        assert waiting_count(demo["member1"]) == 4


def test_a_provider_without_a_queryset_is_counted_by_its_list(registry, demo):
    register_waiting("mention", lambda _person: [item("mention", 1), item("mention", 2)])
    assert waiting_count(demo["member1"]) == 2


def test_overdue_is_before_today_only():
    assert item("a", 1, -1).overdue_on(TODAY)
    assert not item("a", 1, 0).overdue_on(TODAY)
    assert not item("a", 1).overdue_on(TODAY)
