"""(b) Node A killed (SIGKILL to gunicorn's master and workers) while people keep reading
pages and saving through HAProxy: its health check takes A out, node B serves everything,
and no save is lost or applied twice. Only requests that were in flight on A when it died
may fail, and such a save is applied at most once (never retried: the person sees the
error and the next page shows whether it was saved)."""

import time

from tests.cluster.cluster import Cluster
from tests.cluster.load import Member, SaveLoad, saves
from tests.faults import results
from tests.faults.waiting import wait_until

PEOPLE = 3
BEFORE_THE_KILL = 30  # answers from each node before A is killed
AFTER_THE_TAKE_OUT = 60  # answers after A is out


def test_node_a_killed_under_load_is_taken_out_and_no_save_is_lost_or_doubled(
    cluster: Cluster,
) -> None:
    rollout = cluster.crm()
    members = [
        Member(cluster.signed_in(cluster.haproxy.url, username), rollout, task)
        for username, task in cluster.members_with_a_task(PEOPLE)
    ]
    counted_before = cluster.haproxy.counters("a")
    load = SaveLoad(members, label="node-killed")
    with load:
        wait_until(
            lambda: all(
                sum(1 for o in load.snapshot() if o.ok and o.node == node) >= BEFORE_THE_KILL
                for node in ("a", "b")
            ),
            timeout=90,
            what="both nodes to serve the load",
        )
        killed_at = cluster.kill(cluster.nodes["a"])
        wait_until(
            lambda: cluster.haproxy.status("a").startswith("DOWN"),
            timeout=30,
            what="HAProxy to take node A out",
            every=0.02,
        )
        out_at = time.monotonic()
        wait_until(
            lambda: sum(1 for o in load.snapshot() if o.started > out_at) >= AFTER_THE_TAKE_OUT,
            timeout=90,
            what="the load to go on on node B",
        )
    outcomes = load.snapshot()
    failed = [o for o in outcomes if not o.ok]
    after_kill = [o for o in outcomes if o.started >= killed_at]
    after_out = [o for o in outcomes if o.started > out_at]
    final = saves(cluster.db_url, load)
    counted = cluster.haproxy.counters("a")
    moved = {name: n - counted_before[name] for name, n in counted.items()}

    assert final.exactly_once, final
    assert final.succeeded >= BEFORE_THE_KILL
    # A connection A refuses goes to B, and a read A left unanswered is sent again to B; a
    # save A took and never answered is not (it may have been applied), and only such saves
    # fail: ones already on their way to A (sent, or waiting in its listen queue) before A
    # was out.
    assert all(o.kind == "save" and o.status == 502 for o in failed), failed
    assert all(o.started < out_at for o in failed), failed
    assert {o.node for o in after_kill if o.ok} == {"b"}
    assert all(o.ok for o in after_out)

    # Back: started again, A is put in service once two checks in a row pass.
    restarted_at = time.monotonic()
    cluster.start_node("a")
    cluster.wait_until_in_service("a")
    back_after = time.monotonic() - restarted_at

    results.record(
        "b. Node A killed under load",
        people_in_the_load=PEOPLE,
        requests=len(outcomes),
        pages=sum(1 for o in outcomes if o.kind == "page"),
        saves=final.succeeded + final.failed,
        failed=[
            f"{o.kind}: {o.status or o.error}, started {o.started - killed_at:+.3f} s from the kill"
            for o in failed
        ],
        requests_started_after_the_kill=len(after_kill),
        of_which_succeeded=sum(1 for o in after_kill if o.ok),
        seconds_from_the_kill_to_node_a_out=round(out_at - killed_at, 2),
        saves_answered_302=final.succeeded,
        saves_applied_exactly_once=final.succeeded - len(final.succeeded_not_applied),
        saves_applied_twice=len(final.applied_twice),
        failed_saves_applied_once_all_the_same=final.failed_but_applied,
        connections_refused_and_sent_again=load.refused_and_retried,
        answered_by_each_node={
            node: sum(1 for o in outcomes if o.ok and o.node == node) for node in ("a", "b")
        },
        requests_haproxy_tried_on_node_a_and_sent_to_b=moved,
        seconds_from_restarting_node_a_to_in_service=round(back_after, 1),
    )
