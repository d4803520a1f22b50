"""access_role_giving marks what it answered on the rollout, so role_assign does not ask
again; a rollout marked for one person gives nobody else anything."""

import pytest

from roles.models import Department, Role
from roles.permissions import access_role_giving
from roles.services import assignments
from roles.services.assignments import RoleError, role_assign
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _never(*args, **kwargs):
    raise AssertionError("asked again")


def test_the_executive_is_not_asked_again_whether_they_manage_the_roles(monkeypatch, demo, crm):
    access_role_giving(demo["ceo"], crm)
    monkeypatch.setattr(assignments, "may_manage_roles", _never)
    person = UserFactory.create()
    assert role_assign(by=demo["ceo"], rollout=crm, person=person, role=Role.MEMBER)


def test_a_head_is_not_asked_again_whether_they_name_their_departments_manager(
    monkeypatch, demo, crm
):
    access_role_giving(demo["sales.manager"], crm)
    monkeypatch.setattr(assignments, "may_name_department_manager", _never)
    sales = Department.objects.get(code="sales")
    # Past the question of who may name one, to the rule that Sales has one already.
    with pytest.raises(RoleError, match="already has a middle manager"):
        role_assign(
            by=demo["sales.manager"], rollout=crm, person=demo["member1"], role=Role.MANAGER,
            department=sales,
        )  # fmt: skip


def test_a_rollout_marked_for_the_executive_gives_someone_else_nothing(demo, crm):
    access_role_giving(demo["ceo"], crm)
    with pytest.raises(RoleError, match="Only the rollout's executive"):
        role_assign(by=demo["member1"], rollout=crm, person=UserFactory.create(), role=Role.MEMBER)
