"""(a) Signed in on node A, acting on node B: the session, the CSRF token and the save work
on a node that did not see the sign-in. Through HAProxy, one person's requests go to both
nodes in turn (round robin, no stickiness)."""

from collections import Counter
from itertools import pairwise

from tests.cluster.cluster import NODES, Cluster
from tests.faults import results
from tests.faults.database import rows

ROUNDS = 10


def test_it_signs_in_on_node_a_and_saves_through_node_b(cluster: Cluster) -> None:
    ((username, task),) = cluster.members_with_a_task(1)
    rollout = cluster.crm()
    on_a = cluster.signed_in(cluster.node_url("a"), username)
    on_b = on_a.at(cluster.node_url("b"))

    page = on_b.get(f"/rollouts/{rollout}/tasks/{task}/")
    answer = on_b.post(
        f"/rollouts/{rollout}/tasks/{task}/log/",
        {"work_date": "2026-01-05", "hours": "1.5", "progress": "20", "note": "saved on B"},
    )

    assert page.status == 200
    assert (answer.status, answer.location) == (302, f"/rollouts/{rollout}/tasks/mine/")
    saved = rows(
        cluster.db_url,
        """SELECT u.username, l.hours::text FROM rollout_tasklog l
           JOIN roles_user u ON u.id = l.member_id
           WHERE l.task_id = %(task)s AND l.note = 'saved on B'""",
        {"task": task},
    )
    assert saved == [(username, "1.50")]


def test_it_sends_one_persons_requests_to_both_nodes_in_turn(cluster: Cluster) -> None:
    ((username, task),) = cluster.members_with_a_task(1)
    rollout = cluster.crm()
    before = cluster.haproxy.served()
    browser = cluster.signed_in(cluster.haproxy.url, username)  # the sign-in: 2 requests

    served = []
    for _ in range(ROUNDS):
        assert browser.get(f"/rollouts/{rollout}/tasks/{task}/").status == 200
        served.append(browser.served_by)

    by_node = Counter(served)
    assert set(by_node) == set(NODES), served
    # Round robin: one person's requests alternate between the nodes.
    assert all(a != b for a, b in pairwise(served)), served
    after = cluster.haproxy.served()
    assert {n: after[n] - before[n] for n in NODES} == {n: by_node[n] + 1 for n in NODES}
    results.record(
        "a. Sessions across nodes",
        signed_in_on="node a (its own port)",
        saved_through="node b (its own port): 302, the log row is there once",
        requests_through_haproxy=f"{ROUNDS} pages + 2 for the sign-in",
        served_by_each_node=dict(sorted(by_node.items())),
    )
