"""Staffing's dates count in the calendar warning (registered with roles' calendar_gaps):
a live request or commitment running past what the calendar knows is a gap; a declined
request or an ended commitment is not."""

from datetime import timedelta

import pytest

from roles.selectors.calendar import calendar_gaps
from staffing.models import Commitment, StaffingRequest
from tests.rollout.test_calendar_pages import covered

pytestmark = pytest.mark.django_db


def runs_until(rollout):
    gap = calendar_gaps(rollout_ids=[rollout.pk]).get(rollout.pk)
    return gap and gap.runs_until


def test_a_commitment_running_past_the_calendar_is_a_gap(demo, crm):
    later = covered(crm) + timedelta(days=30)
    commitment = Commitment.objects.filter(request__rollout=crm).exclude(
        status=Commitment.Status.ENDED
    )[0]
    Commitment.objects.filter(pk=commitment.pk).update(end_date=later)
    assert runs_until(crm) == later


def test_an_ended_commitment_is_not_a_gap(demo, crm):
    later = covered(crm) + timedelta(days=30)
    commitment = Commitment.objects.filter(request__rollout=crm)[0]
    Commitment.objects.filter(pk=commitment.pk).update(
        end_date=later, status=Commitment.Status.ENDED
    )
    assert runs_until(crm) is None


def test_a_request_running_past_the_calendar_is_a_gap(demo, crm):
    later = covered(crm) + timedelta(days=30)
    request = StaffingRequest.objects.filter(rollout=crm).exclude(
        status=StaffingRequest.Status.DECLINED
    )[0]
    StaffingRequest.objects.filter(pk=request.pk).update(end_date=later)
    assert runs_until(crm) == later


def test_a_declined_request_is_not_a_gap(demo, crm):
    later = covered(crm) + timedelta(days=30)
    request = StaffingRequest.objects.filter(rollout=crm)[0]
    StaffingRequest.objects.filter(pk=request.pk).update(
        end_date=later, status=StaffingRequest.Status.DECLINED
    )
    assert runs_until(crm) is None
