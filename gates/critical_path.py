"""The critical path of a rollout's tasks: the longest chain of tasks that wait for one
another ("waits for" links), by the tasks' durations. Pure: ids and numbers in, ids out,
no database, so it is tested on small graphs directly (tests/gates/test_critical_path.py).

Ties are kept whole: every task on *some* longest chain is critical (it has no slack), and
one of those chains is also given in order, chosen the same way every time (the lowest
ids win), so the page does not change between two loads of the same data."""

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class CriticalPath:
    length: Decimal  # the durations of the chain added up
    chain: tuple[int, ...]  # one longest chain, the first task to do first
    critical: frozenset[int]  # every task on any longest chain

    def __contains__(self, task_id: object) -> bool:
        return task_id in self.critical


def _order(ids: Iterable[int], edges: Mapping[int, set[int]]) -> list[int]:
    """The ids so that a task comes after every task it waits for, lowest id first among
    those ready (Kahn). Tasks caught in a cycle (the services refuse one, but imported or
    hand-made data might hold one) follow in id order."""
    waiting = {n: len(edges[n]) for n in ids}
    unblocks: dict[int, list[int]] = defaultdict(list)
    for task, blockers in edges.items():
        for blocker in blockers:
            unblocks[blocker].append(task)
    ready = [n for n, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        n = heapq.heappop(ready)
        order.append(n)
        for task in unblocks[n]:
            waiting[task] -= 1
            if waiting[task] == 0:
                heapq.heappush(ready, task)
    placed = set(order)
    return order + sorted(n for n in waiting if n not in placed)


def critical_path(
    durations: Mapping[int, Decimal], waits_for: Iterable[tuple[int, int]]
) -> CriticalPath:
    """`durations`: task id -> duration; `waits_for`: (task, the task it waits for) pairs.
    Links to ids not in `durations`, and links to self, are ignored."""
    if not durations:
        return CriticalPath(Decimal("0"), (), frozenset())
    edges: dict[int, set[int]] = {n: set() for n in durations}
    for task, blocker in waits_for:
        if task in durations and blocker in durations and task != blocker:
            edges[task].add(blocker)
    order = _order(durations, edges)
    place = {n: i for i, n in enumerate(order)}
    # Only links that point back in the order count: that drops exactly the links that
    # close a cycle, and both passes below see the same graph.
    before = {
        n: sorted((b for b in edges[n] if place[b] < place[n]), key=place.__getitem__)
        for n in order
    }
    after: dict[int, list[int]] = defaultdict(list)
    for n in order:
        for b in before[n]:
            after[b].append(n)

    finish: dict[int, Decimal] = {}  # the longest chain ending with n, n included
    best: dict[int, int | None] = {}
    for n in order:
        lead = max(before[n], key=lambda b: (finish[b], -b), default=None)
        best[n] = lead
        finish[n] = durations[n] + (finish[lead] if lead is not None else Decimal("0"))
    rest: dict[int, Decimal] = {}  # the longest chain starting with n, n included
    for n in reversed(order):
        rest[n] = durations[n] + max((rest[t] for t in after[n]), default=Decimal("0"))

    length = max(finish.values())
    last: int | None = min(n for n in order if finish[n] == length)
    chain: list[int] = []
    while last is not None:
        chain.append(last)
        last = best[last]
    critical = frozenset(n for n in order if finish[n] + rest[n] - durations[n] == length)
    return CriticalPath(length, tuple(reversed(chain)), critical)
