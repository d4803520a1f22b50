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
