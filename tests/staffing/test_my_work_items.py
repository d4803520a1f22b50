"""My work's staffing items: a request waits on the requested department's middle manager
only, a commitment on the person named only; each leaves the list as soon as it is
answered, and its reminder's notification is resolved in the same step."""

import pytest

from roles import services as roles
from roles.models import RoleAssignment
from staffing import services as staffing
from tests.notifications.test_notifications_resolved import is_resolved, sent
from tests.staffing.staffing_data import ask, commit_member1
from tests.waiting_items import waiting

pytestmark = pytest.mark.django_db

TRAINING = "Training"  # the purpose ask() gives


def test_a_request_waits_on_its_departments_manager_only(demo, crm):
    request = ask(demo, crm, demo["sales.manager"].department)
    subject = f"Sales: {request.hours_per_week:g} h a week, {TRAINING}"
    assert subject in waiting(demo["sales.manager"], "staffing_request")
    for name in ("it.manager", "ceo", "member1"):
        assert subject not in waiting(demo[name], "staffing_request"), name


def test_an_answered_request_leaves_at_once_and_its_reminder_is_resolved(demo, crm):
    request = ask(demo, crm, demo["sales.manager"].department, "3")
    notification = sent(f"request_waiting:{request.pk}", demo["sales.manager"])
    staffing.staffing_answer(
        by=demo["sales.manager"], request=request, people=[], reason="Year-end close."
    )
    assert "Sales: 3 h a week, Training" not in waiting(demo["sales.manager"], "staffing_request")
    assert is_resolved(notification)


def test_a_manager_whose_role_ended_is_no_longer_waited_on(demo, crm):
    ask(demo, crm, demo["sales.manager"].department, "3")
    held = RoleAssignment.objects.active().get(rollout=crm, person=demo["sales.manager"])
    roles.role_end(by=demo["ceo"], assignment=held)
    assert waiting(demo["sales.manager"], "staffing_request") == []


def test_a_commitment_waits_on_the_person_named_only(demo, crm):
    commitment = commit_member1(demo, crm, "5")
    assert len(waiting(demo["member1"], "commitment")) == 1
    assert waiting(demo["member2"], "commitment") == []
    assert str(commitment.start_date) in waiting(demo["member1"], "commitment")[0]


def test_a_confirmed_commitment_leaves_at_once_and_its_reminder_is_resolved(demo, crm):
    commitment = commit_member1(demo, crm, "5")
    notification = sent(f"commitment_to_confirm:{commitment.pk}", demo["member1"])
    staffing.commitment_confirm(by=demo["member1"], commitment=commitment)
    assert waiting(demo["member1"], "commitment") == []
    assert is_resolved(notification)


def test_a_commitment_with_a_conflict_raised_leaves(demo, crm):
    commitment = commit_member1(demo, crm, "5")
    staffing.commitment_conflict(by=demo["member1"], commitment=commitment, reason="Leave.")
    assert waiting(demo["member1"], "commitment") == []
