"""The database itself refuses broken role data, whatever code writes it."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from roles.models import Role, RoleAssignment, Seat
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def create(**fields):
    with transaction.atomic():
        return RoleAssignment.objects.create(**fields)


def test_two_active_executives_are_refused(crm):
    with pytest.raises(IntegrityError):
        create(rollout=crm, person=UserFactory.create(), role=Role.EXECUTIVE)


def test_an_ended_executive_leaves_room_for_the_next(crm, demo):
    RoleAssignment.objects.filter(rollout=crm, role=Role.EXECUTIVE).update(
        ended_at=timezone.now() + timedelta(seconds=1)
    )
    assert create(rollout=crm, person=UserFactory.create(), role=Role.EXECUTIVE).pk


def test_a_manager_without_department_is_refused(crm):
    with pytest.raises(IntegrityError):
        create(rollout=crm, person=UserFactory.create(), role=Role.MANAGER)


def test_a_member_with_a_seat_is_refused(crm):
    with pytest.raises(IntegrityError):
        create(rollout=crm, person=UserFactory.create(), role=Role.MEMBER, seat=Seat.IT)


def test_an_unknown_role_is_refused(crm):
    with pytest.raises(IntegrityError):
        create(rollout=crm, person=UserFactory.create(), role="king")


def test_a_capacity_over_80_hours_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory.create(weekly_capacity_hours=81)


def test_a_rollout_with_roles_cannot_be_deleted(crm):
    with pytest.raises(IntegrityError), transaction.atomic():
        crm.delete()
