"""The critical path on small graphs: no links, a chain, a diamond, ties, a cycle."""

from decimal import Decimal

from gates.critical_path import critical_path


def hours(**by_id: int) -> dict[int, Decimal]:
    return {int(k[1:]): Decimal(v) for k, v in by_id.items()}


def test_it_is_empty_without_tasks():
    path = critical_path({}, [])
    assert (path.length, path.chain, path.critical) == (Decimal("0"), (), frozenset())


def test_it_is_the_longest_task_when_nothing_waits():
    path = critical_path(hours(t1=4, t2=9, t3=2), [])
    assert path.chain == (2,)
    assert path.critical == {2}
    assert path.length == Decimal("9")


def test_it_follows_the_waits_for_links_first_task_first():
    # 3 waits for 2, 2 waits for 1: 1 -> 2 -> 3 (12 h) beats the lone 4 (10 h).
    path = critical_path(hours(t1=4, t2=4, t3=4, t4=10), [(3, 2), (2, 1)])
    assert path.chain == (1, 2, 3)
    assert path.length == Decimal("12")
    assert 4 not in path


def test_it_takes_the_longer_branch_of_a_diamond():
    # 4 waits for 2 and 3, both wait for 1; 3 is longer than 2.
    path = critical_path(hours(t1=1, t2=2, t3=5, t4=1), [(2, 1), (3, 1), (4, 2), (4, 3)])
    assert path.chain == (1, 3, 4)
    assert path.critical == {1, 3, 4}


def test_a_tie_marks_both_chains_critical_and_gives_the_lowest_ids_in_order():
    # 1 -> 2 and 3 -> 4, both 6 hours.
    path = critical_path(hours(t1=3, t2=3, t3=2, t4=4), [(2, 1), (4, 3)])
    assert path.critical == {1, 2, 3, 4}
    assert path.chain == (1, 2)


def test_a_tie_between_lone_tasks_keeps_them_all():
    path = critical_path(hours(t5=3, t2=3, t9=1), [])
    assert path.critical == {2, 5}
    assert path.chain == (2,)


def test_a_chain_that_waits_on_a_short_task_still_counts_it():
    # The long task 2 waits for the short 1: both are on the path, the lone 3 is not.
    path = critical_path(hours(t1=1, t2=8, t3=8), [(2, 1)])
    assert path.chain == (1, 2)
    assert path.critical == {1, 2}


def test_links_to_unknown_tasks_and_to_itself_are_ignored():
    path = critical_path(hours(t1=2, t2=3), [(1, 99), (2, 2), (1, 2)])
    assert path.chain == (2, 1)


def test_a_cycle_does_not_hang_and_keeps_the_rest_right():
    # 1 and 2 wait for each other (bad data); 3 waits for 4.
    path = critical_path(hours(t1=1, t2=1, t3=5, t4=5), [(1, 2), (2, 1), (3, 4)])
    assert path.chain == (4, 3)
    assert path.length == Decimal("10")
