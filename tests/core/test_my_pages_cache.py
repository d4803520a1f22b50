"""My work (the home page) and My tasks from the page cache (gates/selectors/
my_work_figures.py, work/my_tasks_figures.py) are never stale and never another person's:
each kind of write that changes what they show is on the very next request, for this
session and for another one (as on another node) reading the entry the first filled; what
no rollout's version follows (a notification read, a group joined, a superuser made) is
too; with the cache server down both pages are served."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
import redis
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db.models import F
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from discussion import services as discussion
from gates import services as gate_services
from gates.models import Gate
from gates.selectors.evidence_pack import evidence_pack
from roles import services as roles
from roles.models import Role
from rollout.models import Rollout
from staffing import services as staffing
from staffing.models import Commitment
from tests.discussion.discussion_data import target_for
from tests.factories import UserFactory
from tests.gates.test_my_work_page import MY_WORK_CACHED_QUERIES
from tests.query_counts import exactly
from tests.work.test_work_pages_queries import MY_TASKS_CACHED_QUERIES
from work import services as work

pytestmark = pytest.mark.django_db

HOME = reverse("gates:home")
DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
    }
}


def items(client, kind: str) -> list[str]:
    """The subjects of one kind of item on the person's My work."""
    rows = client.get(HOME).context["rows"]
    return [r.item.subject for r in rows if r.item.kind == kind]


def actions(client, kind: str) -> list[str]:
    return [r.item.action for r in client.get(HOME).context["rows"] if r.item.kind == kind]


def cached_home(client) -> None:
    """My work twice: the first visit opens the role panel (the second has it closed, so
    the third reads the entry the second filled)."""
    client.get(HOME)
    client.get(HOME)


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _request_sales(demo, rollout, hours: str = "2"):
    today = timezone.localdate()
    return staffing.staffing_request_create(
        by=demo["ceo"], rollout=rollout, department=demo["sales.manager"].department,
        purpose="testing", hours_per_week=Decimal(hours), start_date=today,
        end_date=today + timedelta(days=30),
    )  # fmt: skip


# My work


def test_a_claim_shows_to_the_manager_and_leaves_when_verified(demo, crm, member1_task):
    manager = signed_in(demo["sales.manager"])
    cached_home(manager)
    assert member1_task.title not in items(manager, "claim")
    work.task_claim_done(by=demo["member1"], task=member1_task)
    assert member1_task.title in items(manager, "claim")
    member1_task.refresh_from_db()
    work.task_verify(by=demo["sales.manager"], task=member1_task)
    assert member1_task.title not in items(manager, "claim")


def test_a_waiting_task_renamed_shows_its_new_title_though_the_same_rows_wait(
    demo, crm, member1_task
):
    """The ids waiting on the manager stay the same (they are in the key); only the
    rollout's version tells the entry is old."""
    manager = signed_in(demo["sales.manager"])
    work.task_claim_done(by=demo["member1"], task=member1_task)
    cached_home(manager)
    assert member1_task.title in items(manager, "claim")
    type(member1_task).objects.filter(pk=member1_task.pk).update(title="Renamed while waiting")
    assert "Renamed while waiting" in items(manager, "claim")


def test_a_task_assigned_due_soon_shows_to_its_assignee(demo, crm, member1_task):
    member = signed_in(demo["member2"])
    cached_home(member)
    assert items(member, "task") == []
    work.task_create(
        by=demo["ceo"], rollout=crm, title="Call the first customers",
        workstream=member1_task.workstream, department_id=member1_task.department_id,
        assignees=[demo["member2"]], due_date=timezone.localdate() + timedelta(days=3),
        estimate_hours=Decimal(4),
    )  # fmt: skip
    assert items(member, "task") == ["Call the first customers"]


def test_a_staffing_request_shows_to_the_manager_and_a_commitment_to_the_person(demo, crm):
    manager, member = signed_in(demo["sales.manager"]), signed_in(demo["member1"])
    cached_home(manager)
    cached_home(member)
    before = len(items(manager, "staffing_request"))
    committed = len(items(member, "commitment"))
    request = _request_sales(demo, crm)
    assert len(items(manager, "staffing_request")) == before + 1
    staffing.staffing_answer(
        by=demo["sales.manager"], request=request, people=[(demo["member1"], Decimal(2))]
    )
    assert len(items(manager, "staffing_request")) == before
    assert len(items(member, "commitment")) == committed + 1
    commitment = Commitment.objects.get(request=request, person=demo["member1"])
    staffing.commitment_confirm(by=demo["member1"], commitment=commitment)
    assert len(items(member, "commitment")) == committed


def test_a_gate_held_asks_the_executive_to_decide_again(demo, crm):
    executive = signed_in(demo["ceo"])
    cached_home(executive)
    assert actions(executive, "gate") == ["Decide at the gate"]
    gate = Gate.objects.get(rollout=crm, key="select")
    gate_services.decision_record(
        by=demo["ceo"], gate=gate, outcome="hold", reason="Wait for the pilot",
        evidence_fingerprint=evidence_pack(gate=gate).fingerprint, gate_version=gate.version,
        submission=uuid.uuid4(), decide_again_on=timezone.localdate() + timedelta(days=7),
    )  # fmt: skip
    assert actions(executive, "gate") == ["Decide again at the gate"]


def test_a_mention_read_leaves_my_work_though_no_rollout_changed(demo, crm, member1_task):
    """Notifications change no rollout's version: the ids of what waits are read afresh."""
    target = target_for(demo["sales.manager"], crm, "task", member1_task.pk)
    discussion.comment_create(by=demo["sales.manager"], target=target, body="@member1 look")
    member = signed_in(demo["member1"])
    cached_home(member)
    [row] = [r for r in member.get(HOME).context["rows"] if r.item.kind == "mention"]
    member.post(row.item.url)  # opening it marks it read
    assert items(member, "mention") == []


def test_a_group_that_grants_a_rollout_shows_it_on_joining(demo, crm, pilot):
    """Group memberships belong to no rollout: the person's rollouts are read afresh."""
    group = Group.objects.create(name="pilot readers")
    assign_perm("rollout.view_rollout", group, pilot)
    member = signed_in(demo["member2"])
    cached_home(member)
    assert [c.rollout.pk for c in member.get(HOME).context["cards"]] == [crm.pk]
    demo["member2"].groups.add(group)
    cards = member.get(HOME).context["cards"]
    assert sorted(c.rollout.pk for c in cards) == sorted([crm.pk, pilot.pk])


def test_a_person_made_superuser_sees_every_rollout_at_once(demo, crm, pilot):
    member = signed_in(demo["member2"])
    cached_home(member)
    type(demo["member2"]).objects.filter(pk=demo["member2"].pk).update(is_superuser=True)
    assert {c.rollout.pk for c in member.get(HOME).context["cards"]} >= {crm.pk, pilot.pk}


def test_a_second_session_reads_my_work_from_the_cache_and_sees_the_write(demo, crm, member1_task):
    """The same manager on two nodes: the second reads the entry the first filled (in the
    cache's query count); after a claim both see it."""
    first, second = signed_in(demo["sales.manager"]), signed_in(demo["sales.manager"])
    cached_home(second)  # its session, and the panel closed as for the first
    # A new version: the entry the second just filled is no longer read; the first fills it.
    Rollout.objects.filter(pk=crm.pk).update(updated_at=F("updated_at"))
    cached_home(first)
    before = items(first, "claim")
    with exactly(MY_WORK_CACHED_QUERIES):
        assert [r.item.subject for r in second.get(HOME).context["rows"] if r.item.kind == "claim"]
    work.task_claim_done(by=demo["member1"], task=member1_task)
    assert items(second, "claim") == items(first, "claim") != before


def test_a_person_never_reads_another_persons_my_work(demo, crm):
    """Two members with nothing waiting, on the same rollout: the same ids and rollouts,
    yet each sees their own role."""
    other = UserFactory.create(department=demo["member2"].department)
    roles.role_assign(by=demo["ceo"], rollout=crm, person=other, role=Role.MEMBER)
    first, second = signed_in(demo["member2"]), signed_in(other)
    cached_home(first)
    cached_home(second)
    for client, person in ((first, demo["member2"]), (second, other)):
        response = client.get(HOME)
        assert response.context["rows"] == []
        assert [r.assignment.person_id for r in response.context["cards"][0].roles] == [person.pk]


def test_with_the_cache_server_down_my_work_is_served(demo, crm, member1_task):
    manager = signed_in(demo["sales.manager"])
    with override_settings(CACHES=DOWN):
        with pytest.raises(redis.exceptions.ConnectionError):
            cache.get("anything")
        assert member1_task.title not in items(manager, "claim")
        work.task_claim_done(by=demo["member1"], task=member1_task)
        assert member1_task.title in items(manager, "claim")


# My tasks


def my_tasks(client, rollout) -> dict[int, str]:
    """The tasks on the person's list, by id, with their status."""
    response = client.get(reverse("work:my_tasks", args=[rollout.pk]))
    return {t.pk: t.status for t in response.context["tasks"]}


def test_a_claim_and_a_verification_show_on_my_tasks_at_once(demo, crm, member1_task):
    member = signed_in(demo["member1"])
    my_tasks(member, crm)
    assert my_tasks(member, crm)[member1_task.pk] != "claimed"
    work.task_claim_done(by=demo["member1"], task=member1_task)
    assert my_tasks(member, crm)[member1_task.pk] == "claimed"
    member1_task.refresh_from_db()
    work.task_verify(by=demo["sales.manager"], task=member1_task)
    assert my_tasks(member, crm)[member1_task.pk] == "verified"


def test_a_task_assigned_shows_on_my_tasks_at_once(demo, crm, member1_task):
    member = signed_in(demo["member2"])
    my_tasks(member, crm)
    before = my_tasks(member, crm)
    task = work.task_create(
        by=demo["ceo"], rollout=crm, title="Call the first customers",
        workstream=member1_task.workstream, department_id=member1_task.department_id,
        assignees=[demo["member2"]], due_date=timezone.localdate() + timedelta(days=3),
        estimate_hours=Decimal(4),
    )  # fmt: skip
    assert my_tasks(member, crm) == {**before, task.pk: "open"}


def test_a_second_session_reads_my_tasks_from_the_cache_and_sees_the_write(demo, crm, member1_task):
    url = reverse("work:my_tasks", args=[crm.pk])
    first, second = signed_in(demo["member1"]), signed_in(demo["member1"])
    second.get(HOME)  # its session, not the list
    before = my_tasks(first, crm)
    with exactly(MY_TASKS_CACHED_QUERIES):
        assert second.get(url).status_code == 200
    work.task_claim_done(by=demo["member1"], task=member1_task)
    assert my_tasks(second, crm) == my_tasks(first, crm) == {**before, member1_task.pk: "claimed"}


def test_a_person_never_reads_another_persons_tasks(demo, crm):
    first, second = signed_in(demo["member1"]), signed_in(demo["member3"])
    mine = my_tasks(first, crm)
    theirs = my_tasks(second, crm)
    assert mine and theirs and not set(mine) & set(theirs)
    assert my_tasks(first, crm) == mine


def test_with_the_cache_server_down_my_tasks_is_served(demo, crm, member1_task):
    member = signed_in(demo["member1"])
    with override_settings(CACHES=DOWN):
        my_tasks(member, crm)
        work.task_claim_done(by=demo["member1"], task=member1_task)
        assert my_tasks(member, crm)[member1_task.pk] == "claimed"
