"""staffing.services: requests, answers with named people, capacity, confirmation,
conflicts, later changes and the stance assessment."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from demo.keys import demo_rollout
from notifications.models import Reminder
from rollout.calendar import week_start
from staffing import services as staffing
from staffing.models import Commitment, CommitmentEvent, StaffingRequest
from staffing.services import StaffingError
from tests.query_counts import exactly

pytestmark = pytest.mark.django_db
MONDAY = week_start(timezone.localdate())


def ask(demo, code="sales", hours="10", weeks=4, start=None):
    from roles.models import Department

    start = start or MONDAY + timedelta(weeks=1)
    return staffing.staffing_request_create(
        by=demo["ceo"],
        rollout=demo_rollout("crm"),
        department=Department.objects.get(code=code),
        purpose="testing",
        hours_per_week=Decimal(hours),
        start_date=start,
        end_date=start + timedelta(weeks=weeks, days=-1),
    )


def test_a_request_reminds_the_departments_manager_in_the_same_transaction(demo):
    request = ask(demo)
    reminder = Reminder.objects.get(key=f"request_waiting:{request.pk}:L0")
    assert reminder.recipient == demo["sales.manager"]


def test_only_the_executive_asks(demo):
    with pytest.raises(StaffingError, match="Only the executive"):
        staffing.staffing_request_create(
            by=demo["sales.manager"],
            rollout=demo_rollout("crm"),
            department=demo["member1"].department,
            purpose="testing",
            hours_per_week=Decimal("4"),
            start_date=MONDAY,
            end_date=MONDAY,
        )


def test_a_department_without_manager_cannot_be_asked(demo):
    with pytest.raises(StaffingError, match="no middle manager"):
        ask(demo, code="purchasing")


def test_an_end_before_the_start_is_refused(demo):
    with pytest.raises(StaffingError, match="end date comes before"):
        ask(demo, weeks=0)


def test_committing_in_full_asks_each_person_to_confirm(demo):
    request = ask(demo, hours="10")
    staffing.staffing_answer(
        by=demo["sales.manager"],
        request=request,
        people=[(demo["member1"], Decimal("6")), (demo["member2"], Decimal("4"))],
    )
    request.refresh_from_db()
    assert request.status == StaffingRequest.Status.COMMITTED
    assert Reminder.objects.filter(kind="commitment_to_confirm", recipient=demo["member2"]).exists()
    assert not Reminder.objects.filter(key__startswith=f"request_waiting:{request.pk}:").exists()


def test_less_than_asked_needs_a_reason(demo):
    request = ask(demo, hours="10")
    with pytest.raises(StaffingError, match="Say why you commit less"):
        staffing.staffing_answer(
            by=demo["sales.manager"], request=request, people=[(demo["member1"], Decimal("4"))]
        )
    assert not Commitment.objects.filter(request=request).exists()


def test_a_counter_offer_with_a_reason_is_partial(demo):
    request = ask(demo, hours="10")
    staffing.staffing_answer(
        by=demo["sales.manager"],
        request=request,
        people=[(demo["member1"], Decimal("4"))],
        reason="Quarter-end closing",
    )
    request.refresh_from_db()
    assert request.status == StaffingRequest.Status.PARTIAL


def test_a_decline_needs_a_reason_and_commits_nobody(demo):
    request = ask(demo)
    staffing.staffing_answer(
        by=demo["sales.manager"], request=request, people=[], reason="Peak season"
    )
    request.refresh_from_db()
    assert request.status == StaffingRequest.Status.DECLINED


def test_a_manager_commits_only_their_own_people(demo):
    request = ask(demo)
    with pytest.raises(StaffingError, match="not one of your department"):
        staffing.staffing_answer(
            by=demo["sales.manager"], request=request, people=[(demo["member3"], Decimal("10"))]
        )


def test_only_the_departments_manager_answers(demo):
    request = ask(demo)
    with pytest.raises(StaffingError, match="Only the middle manager"):
        staffing.staffing_answer(
            by=demo["it.manager"], request=request, people=[(demo["member1"], Decimal("10"))]
        )


def test_a_request_is_answered_once(demo):
    request = ask(demo, hours="4")
    answer = [(demo["member1"], Decimal("4"))]
    staffing.staffing_answer(by=demo["sales.manager"], request=request, people=answer)
    with pytest.raises(StaffingError, match="already answered"):
        staffing.staffing_answer(by=demo["sales.manager"], request=request, people=answer)


def test_capacity_is_never_exceeded_and_the_error_says_what_is_free_and_when(demo):
    # member4 (capacity 32) already has 28 h/week on IT testing until mid-January.
    request = ask(demo, code="it", hours="8", weeks=12)
    with pytest.raises(StaffingError) as refused:
        staffing.staffing_answer(
            by=demo["it.manager"], request=request, people=[(demo["member4"], Decimal("8"))]
        )
    message = str(refused.value)
    assert "has only 4 of 32 hours free in the week of" in message
    assert "From the week of" in message  # when the IT testing commitment has ended


def test_capacity_counts_every_rollout(demo, pilot):
    # A commitment on another rollout uses the same week's hours.
    request = ask(demo, code="sales", hours="40", weeks=1)
    with pytest.raises(StaffingError, match="hours free"):
        staffing.staffing_answer(
            by=demo["sales.manager"], request=request, people=[(demo["member1"], Decimal("40"))]
        )


def test_the_person_confirms_or_raises_a_conflict(demo):
    request = ask(demo, hours="4")
    staffing.staffing_answer(
        by=demo["sales.manager"], request=request, people=[(demo["member1"], Decimal("4"))]
    )
    commitment = Commitment.objects.get(request=request)
    with pytest.raises(StaffingError, match="Only the committed person"):
        staffing.commitment_confirm(by=demo["member2"], commitment=commitment)
    staffing.commitment_conflict(by=demo["member1"], commitment=commitment, reason="On leave")
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.CONFLICT
    assert Reminder.objects.filter(
        kind="commitment_conflict", recipient=demo["sales.manager"]
    ).exists()


def test_a_conflict_needs_a_reason(demo):
    commitment = Commitment.objects.get(person=demo["member1"])
    with pytest.raises(StaffingError, match="Say what the conflict is"):
        staffing.commitment_conflict(by=demo["member1"], commitment=commitment, reason=" ")


def test_cutting_hours_keeps_the_earlier_weeks_as_promised(demo):
    original = Commitment.objects.get(person=demo["member1"])
    from_date = MONDAY + timedelta(weeks=1)
    replacement = staffing.commitment_change(
        by=demo["sales.manager"],
        commitment=original,
        hours_per_week=Decimal("4"),
        from_date=from_date,
        reason="Quarter-end",
    )
    original.refresh_from_db()
    assert original.end_date == from_date - timedelta(days=1)
    assert (replacement.hours_per_week, replacement.replaces) == (Decimal("4"), original)
    assert CommitmentEvent.objects.filter(commitment=original, kind="hours_changed").exists()


def test_a_change_needs_a_reason(demo):
    original = Commitment.objects.get(person=demo["member1"])
    with pytest.raises(StaffingError, match="Say why"):
        staffing.commitment_change(
            by=demo["sales.manager"],
            commitment=original,
            hours_per_week=Decimal("4"),
            from_date=MONDAY,
            reason="",
        )


def test_pulling_back_is_recorded_with_the_reason(demo):
    commitment = Commitment.objects.get(person=demo["member2"])
    staffing.commitment_pull_back(
        by=demo["sales.manager"], commitment=commitment, from_date=MONDAY, reason="Needed in sales"
    )
    event = CommitmentEvent.objects.get(commitment=commitment, kind="pulled_back")
    assert event.reason == "Needed in sales"


def test_only_the_executive_assesses_stance(demo):
    with pytest.raises(StaffingError, match="Only the rollout's executive"):
        staffing.stance_assess(
            by=demo["sales.manager"],
            rollout=demo_rollout("crm"),
            manager=demo["it.manager"],
            stance="driving",
            reason="x",
        )


def test_a_stance_needs_a_reason_and_keeps_the_history(demo):
    rollout = demo_rollout("crm")
    with pytest.raises(StaffingError, match="reason"):
        staffing.stance_assess(
            by=demo["ceo"], rollout=rollout, manager=demo["it.manager"], stance="driving", reason=""
        )
    staffing.stance_assess(
        by=demo["ceo"],
        rollout=rollout,
        manager=demo["it.manager"],
        stance="driving",
        reason="Better",
    )
    assert rollout.stances.filter(manager=demo["it.manager"]).count() == 2


# The manager's grants (one query) and departments, the request locked with its rollout,
# the people locked, their weeks, the answer (no existence or constraint queries: its
# rules are the service's own checks, the database enforces them), then the commitments with
# their history, events and grants, the check that each can open the rollout, the
# reminders, the request and its reminder withdrawn, and the hours already committed to
# it (a second answer after a refused counter-offer counts them), and the look-up of the
# rollout's webhook endpoints (none in the demo): the same for one person as for six.
ANSWER_QUERIES = 24


@pytest.mark.parametrize("count", [1, 6])
def test_an_answer_costs_the_same_queries_for_one_person_as_for_six(demo, count):
    from tests.factories import UserFactory

    request = ask(demo, hours=str(2 * count))
    # People of Sales holding no role on the CRM: each needs the grant to answer.
    people = [
        UserFactory.create(department=demo["member1"].department, weekly_capacity_hours=40)
        for _ in range(count)
    ]
    with exactly(ANSWER_QUERIES, savepoints=False):
        staffing.staffing_answer(
            by=demo["sales.manager"], request=request, people=[(p, Decimal("2")) for p in people]
        )
    commitments = Commitment.objects.filter(request=request)
    assert commitments.count() == count
    assert CommitmentEvent.objects.filter(commitment__in=commitments).count() == count
    assert all(p.has_perm("rollout.view_rollout", request.rollout) for p in people)
    assert (
        Reminder.objects.filter(kind="commitment_to_confirm", recipient__in=people).count() == count
    )
