"""Every object access helper reads only through a rollout (or calendar) resolved for the
same person (core/access.py): handed one nobody resolved for them, or one resolved for
someone else, it answers 404 without reading, as if the object did not exist."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import Model
from django.http import Http404

from gates.models import DecisionCondition, Gate, GateCriterion
from gates.permissions import get_condition_for_user, get_criterion_for_user, get_gate_for_user
from roles.models import RoleAssignment
from roles.permissions import get_assignment_for_user
from rollout.models import CalendarDay, Rollout
from rollout.permissions import get_calendar_day_for_user, get_rollout_for_user, may_edit_calendar
from staffing.models import Commitment, StaffingRequest
from staffing.permissions import get_commitment_for_user, get_request_for_user
from tests.query_counts import exactly
from tests.work.work_data import log_with_evidence
from work.models import Evidence, Task, TaskLog
from work.permissions import get_evidence_for_user, get_log_for_user, get_task_for_user

pytestmark = pytest.mark.django_db

# Each helper, and the rows of the CRM rollout it hands out.
HELPERS: list[tuple[Callable[..., Model], Callable[[Rollout], Any]]] = [
    (get_gate_for_user, lambda r: Gate.objects.filter(rollout=r)),
    (get_criterion_for_user, lambda r: GateCriterion.objects.filter(gate__rollout=r)),
    (
        get_condition_for_user,
        lambda r: DecisionCondition.objects.filter(decision__gate__rollout=r),
    ),
    (get_task_for_user, lambda r: Task.objects.filter(rollout=r)),
    (get_log_for_user, lambda r: TaskLog.objects.filter(task__rollout=r)),
    (get_evidence_for_user, lambda r: Evidence.objects.filter(log__task__rollout=r)),
    (get_request_for_user, lambda r: StaffingRequest.objects.filter(rollout=r)),
    (get_commitment_for_user, lambda r: Commitment.objects.filter(request__rollout=r)),
    (get_assignment_for_user, lambda r: RoleAssignment.objects.filter(rollout=r)),
]
IDS = [helper.__name__ for helper, _rows in HELPERS]


@pytest.fixture(autouse=True)
def _an_evidence_file(client, demo, member1_task):
    """The demo has no evidence file: member1 uploads one."""
    log_with_evidence(client, demo["member1"], member1_task, "notes.txt")


@pytest.mark.parametrize(("helper", "rows"), HELPERS, ids=IDS)
def test_it_hands_out_an_object_of_a_rollout_resolved_for_the_person(demo, crm, helper, rows):
    obj = rows(crm).first()
    assert obj is not None, "the demo CRM rollout has one of these"
    rollout = get_rollout_for_user(demo["ceo"], crm.pk)
    assert helper(demo["ceo"], rollout, obj.pk) == obj


@pytest.mark.parametrize(("helper", "rows"), HELPERS, ids=IDS)
def test_it_answers_404_through_a_rollout_nobody_resolved(demo, crm, helper, rows):
    obj = rows(crm).first()
    with exactly(0), pytest.raises(Http404):
        helper(demo["ceo"], crm, obj.pk)


@pytest.mark.parametrize(("helper", "rows"), HELPERS, ids=IDS)
def test_it_answers_404_through_a_rollout_resolved_for_someone_else(demo, crm, helper, rows):
    obj = rows(crm).first()
    rollout = get_rollout_for_user(demo["ceo"], crm.pk)
    with exactly(0), pytest.raises(Http404):
        helper(demo["member1"], rollout, obj.pk)


def test_a_calendar_day_is_read_only_through_a_calendar_answered_yes(demo, crm):
    day = CalendarDay.objects.filter(calendar=crm.calendar).first()
    assert day is not None, "the demo calendar has holidays"
    with pytest.raises(Http404):
        get_calendar_day_for_user(demo["admin"], crm.calendar, day.pk)
    assert not may_edit_calendar(demo["member1"], crm.calendar)
    with pytest.raises(Http404):
        get_calendar_day_for_user(demo["member1"], crm.calendar, day.pk)
    assert may_edit_calendar(demo["admin"], crm.calendar)
    assert get_calendar_day_for_user(demo["admin"], crm.calendar, day.pk) == day
