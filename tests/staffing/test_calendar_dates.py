"""Staffing's dates count in the calendar warning (registered with rollout's calendar_gaps):
a live request or commitment running past what the calendar knows is a gap; a declined
request or an ended commitment is not."""

from datetime import timedelta

import pytest

from rollout.selectors.calendar_gaps import calendar_gaps
from staffing.models import Commitment, StaffingRequest
from tests.rollout.test_calendar_pages import covered

pytestmark = pytest.mark.django_db

# (the model, its filter to the rollout, the status after which its dates no longer count)
DATED = [
    (Commitment, "request__rollout", Commitment.Status.ENDED),
    (StaffingRequest, "rollout", StaffingRequest.Status.DECLINED),
]


def runs_until(rollout):
    gap = calendar_gaps(rollout_ids=[rollout.pk]).get(rollout.pk)
    return gap and gap.runs_until


@pytest.mark.parametrize(("model", "of_rollout", "over"), DATED)
def test_a_live_one_running_past_the_calendar_is_a_gap(demo, crm, model, of_rollout, over):
    later = covered(crm) + timedelta(days=30)
    row = model.objects.filter(**{of_rollout: crm}).exclude(status=over)[0]
    model.objects.filter(pk=row.pk).update(end_date=later)
    assert runs_until(crm) == later


@pytest.mark.parametrize(("model", "of_rollout", "over"), DATED)
def test_one_that_is_over_is_no_gap(demo, crm, model, of_rollout, over):
    later = covered(crm) + timedelta(days=30)
    row = model.objects.filter(**{of_rollout: crm})[0]
    model.objects.filter(pk=row.pk).update(end_date=later, status=over)
    assert runs_until(crm) is None
