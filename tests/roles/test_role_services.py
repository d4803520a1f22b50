"""roles.services: assigning and ending roles keeps guardian permissions in step."""

import pytest

from roles import services
from roles.models import Role, RoleAssignment, Seat
from roles.permissions import ROLE_PERMISSIONS
from rollout.models import RolloutUserObjectPermission
from staffing.models import Commitment
from staffing.permissions import COMMITTED_PERSON_PERMISSIONS
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def held(person, rollout) -> set[str]:
    return set(
        RolloutUserObjectPermission.objects.filter(user=person, content_object=rollout).values_list(
            "permission__codename", flat=True
        )
    )


def test_it_grants_the_roles_permissions_on_assignment(demo, crm):
    person = UserFactory.create()
    services.role_assign(by=demo["ceo"], rollout=crm, person=person, role=Role.MEMBER)
    assert held(person, crm) == ROLE_PERMISSIONS[Role.MEMBER]
    assert person.has_perm("rollout.log_work", crm)


def test_it_revokes_on_end_but_keeps_what_another_role_still_needs(demo, crm):
    person = UserFactory.create()
    member = services.role_assign(by=demo["ceo"], rollout=crm, person=person, role=Role.MEMBER)
    services.role_assign(
        by=demo["ceo"], rollout=crm, person=person, role=Role.SELECTOR, seat=Seat.IT
    )
    services.role_end(by=demo["ceo"], assignment=member, reason="moved to selection")
    assert held(person, crm) == ROLE_PERMISSIONS[Role.SELECTOR]


def test_it_revokes_everything_when_the_last_role_ends(demo, crm):
    # member5 (Finance) has no commitment on the rollout: nothing else needs a grant.
    assert not Commitment.objects.filter(person=demo["member5"]).exists()
    assignment = RoleAssignment.objects.get(rollout=crm, person=demo["member5"])
    services.role_end(by=demo["ceo"], assignment=assignment)
    assert held(demo["member5"], crm) == set()
    assert not demo["member5"].has_perm("rollout.view_rollout", crm)


def test_it_keeps_what_a_live_commitment_needs_when_the_last_role_ends(demo, crm):
    # member1 is committed to the rollout (confirmed): they can still open it to answer.
    assignment = RoleAssignment.objects.get(rollout=crm, person=demo["member1"])
    services.role_end(by=demo["ceo"], assignment=assignment)
    assert held(demo["member1"], crm) == COMMITTED_PERSON_PERMISSIONS


def test_it_keeps_the_ended_role_in_the_history(demo, crm):
    assignment = RoleAssignment.objects.get(rollout=crm, person=demo["member2"])
    services.role_end(by=demo["ceo"], assignment=assignment, reason="back to sales full time")
    assignment.refresh_from_db()
    assert assignment.ended_at is not None
    assert assignment.ended_by == demo["ceo"]
    assert assignment.end_reason == "back to sales full time"


def test_it_refuses_anyone_but_the_executive_or_an_administrator(demo, crm):
    with pytest.raises(services.RoleError, match="Only the rollout's executive"):
        services.role_assign(
            by=demo["sales.manager"], rollout=crm, person=UserFactory.create(), role=Role.MEMBER
        )


def test_it_refuses_the_executive_of_another_rollout(demo, crm):
    with pytest.raises(services.RoleError):
        services.role_assign(
            by=demo["pilot.lead"], rollout=crm, person=demo["pilot.member"], role=Role.MEMBER
        )


def test_it_lets_an_administrator_assign(demo, crm):
    person = UserFactory.create()
    services.role_assign(by=demo["admin"], rollout=crm, person=person, role=Role.MEMBER)
    assert person.has_perm("rollout.view_rollout", crm)


def test_it_replaces_the_executive_and_moves_the_permissions(demo, crm):
    successor = UserFactory.create()
    services.role_assign(by=demo["admin"], rollout=crm, person=successor, role=Role.EXECUTIVE)
    active = RoleAssignment.objects.active().filter(rollout=crm, role=Role.EXECUTIVE)
    assert [a.person for a in active] == [successor]
    assert successor.has_perm("rollout.decide_gate", crm)
    assert not demo["ceo"].has_perm("rollout.view_rollout", crm)


def test_it_refuses_to_end_the_executive(demo, crm):
    executive = RoleAssignment.objects.get(rollout=crm, role=Role.EXECUTIVE)
    with pytest.raises(services.RoleError, match="always has an executive"):
        services.role_end(by=demo["admin"], assignment=executive)


def test_it_refuses_a_second_manager_for_a_department(demo, crm):
    sales = demo["sales.manager"].department
    with pytest.raises(services.RoleError, match="already has a middle manager"):
        services.role_assign(
            by=demo["admin"],
            rollout=crm,
            person=UserFactory.create(department=sales),
            role=Role.MANAGER,
            department=sales,
        )


def test_it_refuses_a_manager_without_a_department(demo, crm):
    with pytest.raises(services.RoleError, match="needs a department"):
        services.role_assign(
            by=demo["ceo"], rollout=crm, person=UserFactory.create(), role=Role.MANAGER
        )


def test_it_refuses_a_selector_without_a_seat(demo, crm):
    with pytest.raises(services.RoleError, match="needs a seat"):
        services.role_assign(
            by=demo["ceo"], rollout=crm, person=UserFactory.create(), role=Role.SELECTOR
        )


def test_it_refuses_the_same_role_twice(demo, crm):
    with pytest.raises(services.RoleError, match="already holds that role"):
        services.role_assign(by=demo["ceo"], rollout=crm, person=demo["member1"], role=Role.MEMBER)


def test_it_refuses_an_unknown_role(demo, crm):
    with pytest.raises(services.RoleError):
        services.role_assign(by=demo["ceo"], rollout=crm, person=UserFactory.create(), role="king")


def test_it_refuses_a_disabled_account(demo, crm):
    person = UserFactory.create(is_active=False)
    with pytest.raises(services.RoleError, match="disabled"):
        services.role_assign(by=demo["ceo"], rollout=crm, person=person, role=Role.MEMBER)


def test_it_refuses_to_end_a_role_twice(demo, crm):
    assignment = RoleAssignment.objects.get(rollout=crm, person=demo["member3"])
    services.role_end(by=demo["ceo"], assignment=assignment)
    with pytest.raises(services.RoleError, match="already ended"):
        services.role_end(by=demo["ceo"], assignment=assignment)


def test_a_manager_may_lead_a_second_department(demo, crm):
    # The head of a second department may answer for it too (named by an administrator).
    other = DepartmentFactory.create(head=demo["it.manager"])
    assignment = services.role_assign(
        by=demo["admin"],
        rollout=crm,
        person=demo["it.manager"],
        role=Role.MANAGER,
        department=other,
    )
    assert assignment.label.endswith(f"({other.name})")


def test_it_saves_a_valid_language_and_refuses_others(demo):
    services.user_set_language(user=demo["member1"], language="zh-hans")
    demo["member1"].refresh_from_db()
    assert demo["member1"].preferred_language == "zh-hans"
    with pytest.raises(services.RoleError):
        services.user_set_language(user=demo["member1"], language="klingon")
