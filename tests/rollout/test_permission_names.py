"""rollout_permission_names answers what guardian's get_perms answers, in one query."""

import pytest
from django.contrib.auth.models import Group
from guardian.shortcuts import assign_perm, get_perms

from rollout.permissions import rollout_permission_names
from tests.query_counts import exactly

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["ceo", "sales.manager", "member1", "sel.it", "pilot.member"])
def test_it_matches_guardian_for_each_role(demo, crm, who):
    person = demo[who]
    with exactly(1):
        names = rollout_permission_names(person, crm)
    assert names == set(get_perms(person, crm))


def test_group_grants_count_too(demo, crm):
    group = Group.objects.create(name="auditors")
    demo["pilot.member"].groups.add(group)
    assign_perm("rollout.view_rollout", group, crm)
    assert "view_rollout" in rollout_permission_names(demo["pilot.member"], crm)
    assert rollout_permission_names(demo["pilot.member"], crm) == set(
        get_perms(demo["pilot.member"], crm)
    )


def test_a_superuser_has_every_permission_without_a_query(demo, crm):
    with exactly(0):
        names = rollout_permission_names(demo["admin"], crm)
    assert names == set(get_perms(demo["admin"], crm))


def test_a_request_asks_once_however_often_it_needs_them(rf, demo, crm):
    from rollout.permissions import permission_names

    request = rf.get("/")
    request.user = demo["ceo"]
    with exactly(1):
        first = permission_names(request, crm)
        second = permission_names(request, crm)
    assert first == second == set(get_perms(demo["ceo"], crm))
    again = rf.get("/")
    again.user = demo["member1"]
    assert permission_names(again, crm) == set(get_perms(demo["member1"], crm))


def guardian_rollouts(person):
    from guardian.shortcuts import get_objects_for_user

    from rollout.models import Rollout

    listed = get_objects_for_user(
        person, "rollout.view_rollout", klass=Rollout, accept_global_perms=False
    )
    return sorted(listed.values_list("pk", flat=True))


def test_rollouts_for_user_lists_what_guardian_lists_for_everyone(demo):
    """Every demo person, the administrator among them, and a grant through a group."""
    from rollout.models import Rollout
    from rollout.permissions import rollouts_for_user

    group = Group.objects.create(name="auditors")
    demo["member1"].groups.add(group)
    pilot = Rollout.objects.exclude(pk__in=guardian_rollouts(demo["member1"])).first()
    assert pilot is not None
    assign_perm("rollout.view_rollout", group, pilot)
    seen = set()
    for person in demo.values():
        with exactly(1):
            mine = sorted(rollouts_for_user(person).values_list("pk", flat=True))
        assert mine == guardian_rollouts(person), person.username
        seen.add(len(mine))
    assert pilot.pk in sorted(rollouts_for_user(demo["member1"]).values_list("pk", flat=True))
    assert len(seen) > 1  # people see different numbers of rollouts


def test_an_inactive_person_sees_no_rollout(demo):
    from rollout.permissions import rollouts_for_user

    demo["member1"].is_active = False
    assert not rollouts_for_user(demo["member1"]).exists()
