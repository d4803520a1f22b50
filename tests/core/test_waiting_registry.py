"""core.waiting: items sorted most urgent then oldest; the count is the list's length, one
query whatever the kinds; the list is that query and one per kind with rows; the SQL is
compiled once a day for everyone and refused when it depends on the person beyond their id."""

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
    monkeypatch.setattr(waiting, "_KINDS", {})


def nothing(_ids: list[int]) -> list[WaitingItem]:
    return []


def two_people(_person):
    return User.objects.filter(username__in=["member1", "member2"])


def test_overdue_first_then_by_due_date_then_oldest(registry, demo):
    register_waiting(
        "a",
        lambda _ids: [item("a", 1), item("a", 9), item("a", 2, 5), item("a", 3, -1)],
        pending=two_people,
    )
    assert [i.subject for i in waiting_for(demo["member1"])] == ["a 3", "a 2", "a 9", "a 1"]


def test_a_kind_registered_twice_by_two_providers_is_refused(registry):
    register_waiting("a", nothing, pending=two_people)
    register_waiting("a", nothing, pending=two_people)  # the same twice (ready() run again)
    with pytest.raises(ValueError, match="two providers"):
        register_waiting("a", lambda _ids: [], pending=two_people)


def test_the_count_is_one_query_and_counts_equal_ids_of_two_kinds_twice(registry, demo):
    register_waiting("a", nothing, pending=two_people)
    register_waiting("b", nothing, pending=two_people)
    with exactly(1):
        assert waiting_count(demo["member1"]) == 4


def test_each_kind_lists_the_ids_its_queryset_found_and_a_kind_with_none_asks_nothing(
    registry, demo
):
    asked = {}

    def lister(kind):
        def items(ids):
            asked[kind] = sorted(ids)
            return [item(kind, days_ago=n) for n, _pk in enumerate(ids)]

        return items

    register_waiting("a", lister("a"), pending=two_people)
    register_waiting(
        "b", lister("b"), pending=lambda _person: User.objects.filter(username="nobody")
    )
    register_waiting("c", lister("c"), pending=lambda person: User.objects.filter(pk=person.pk))
    with exactly(1):  # the ids; the listers here ask nothing of the database
        found = waiting_for(demo["member1"])
    assert asked == {
        "a": sorted([demo["member1"].pk, demo["member2"].pk]),
        "c": [demo["member1"].pk],
    }
    assert len(found) == waiting_count(demo["member1"]) == 3


def test_overdue_is_before_today_only():
    assert item("a", 1, -1).overdue_on(TODAY)
    assert not item("a", 1, 0).overdue_on(TODAY)
    assert not item("a", 1).overdue_on(TODAY)


def test_the_count_compiled_once_counts_each_person_as_built_for_them(demo):
    """The stand-in's SQL, with each person's id put in, counts what each person's own
    querysets count (the demo people wait on different things)."""
    from core.waiting import _KINDS

    checked = []
    for person in User.objects.filter(username__in=["ceo", "sales.manager", "member1", "sel.it"]):
        built = sum(kind.pending(person).count() for kind in _KINDS.values())
        assert waiting_count(person) == built
        checked.append(built)
    assert len(checked) == 4 and len(set(checked)) > 1  # people who wait on different numbers


def test_the_count_is_compiled_once_a_day_and_then_asks_one_query(demo):
    waiting_count(demo["member1"])  # compiled (no query) on the first call of the day
    with exactly(1):
        waiting_count(demo["member2"])


def test_a_provider_whose_sql_holds_the_person_otherwise_is_refused(registry, demo):
    """The person's id written into the SQL itself would be counted for the stand-in only."""
    from django.db.models.expressions import RawSQL

    register_waiting(
        "a",
        nothing,
        # The very mistake the check is for: the id in the SQL.
        pending=lambda person: User.objects.filter(pk__in=RawSQL(f"SELECT {person.pk}", [])),  # noqa: S611
    )
    with pytest.raises(ValueError, match="beyond their id"):
        waiting_count(demo["member1"])


def test_a_queryset_that_is_none_for_the_stand_in_is_refused(registry, demo):
    """.none() compiles to no SQL at all: whether it is empty for a person cannot be told."""
    register_waiting("a", nothing, pending=lambda _person: User.objects.none())
    with pytest.raises(ValueError, match="never empty by rule"):
        waiting_count(demo["member1"])
