"""The goal's writes: who may set the goal and targets and record values, and every rule a
target or a value must keep (in the services and in the database)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from goals.models import GoalTarget, TargetActual
from goals.selectors import targets_of_rollout
from goals.services import (
    GoalError,
    GoalNotAllowed,
    actual_record,
    goal_text_set,
    target_change,
    target_create,
)
from tests.goals.goal_data import a_month_ago, figures, lead_to_order, new_target, unseeded_day

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def test_it_saves_the_goal_text_with_who_wrote_it(demo, crm):
    goal_text_set(by=demo["ceo"], rollout=crm, text="  Cut lead-to-order to 10 days.  ")
    crm.refresh_from_db()
    assert crm.goal == "Cut lead-to-order to 10 days."
    assert crm.history.latest().history_user == demo["ceo"]


@pytest.mark.parametrize("username", ["sales.manager", "member1", "sel.senior"])
def test_only_the_executive_writes_the_goal(demo, crm, username):
    with pytest.raises(GoalNotAllowed):
        goal_text_set(by=demo[username], rollout=crm, text="Something else")


@pytest.mark.parametrize("text", ["", "   ", "\x00", "x" * 4001])
def test_an_empty_or_overlong_goal_is_refused(demo, crm, text):
    with pytest.raises(GoalError):
        goal_text_set(by=demo["ceo"], rollout=crm, text=text)


def test_the_executive_sets_a_target_owned_by_a_member_of_the_rollout(demo, crm):
    target = new_target(demo, crm, owner=demo["member1"])
    assert (target.owner, target.lower_is_better) == (demo["member1"], False)
    assert target.history.latest().history_user == demo["ceo"]


@pytest.mark.parametrize("username", ["sales.manager", "member1", "sel.it"])
def test_only_the_executive_sets_targets(demo, crm, username):
    with pytest.raises(GoalNotAllowed):
        target_create(by=demo[username], rollout=crm, figures=figures(demo["member1"]))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"measure": "  "}, "Name the measure"),
        ({"unit": ""}, "Name the measure"),
        ({"target": Decimal("40")}, "equals the baseline"),
        ({"due_date": date(2101, 1, 1)}, "between 2000 and 2100"),
        ({"due_date": date.today() - timedelta(days=1)}, "has passed"),
    ],
)
def test_bad_figures_are_refused_with_the_reason(demo, crm, changes, message):
    with pytest.raises(GoalError, match=message):
        target_create(by=demo["ceo"], rollout=crm, figures=figures(demo["member1"], **changes))


def test_the_owner_must_hold_a_role_on_the_rollout(demo, crm):
    with pytest.raises(GoalError, match="holds no role on this rollout"):
        target_create(by=demo["ceo"], rollout=crm, figures=figures(demo["pilot.member"]))


def test_a_measure_is_set_once_per_rollout_whatever_its_case(demo, crm, pilot):
    new_target(demo, crm)
    with pytest.raises(GoalError, match="already has a target for this measure"):
        new_target(demo, crm, measure="FIRST-CALL resolution")
    other = target_create(
        by=demo["pilot.lead"], rollout=pilot, figures=figures(demo["pilot.member"])
    )
    assert other.measure == "First-call resolution"  # another rollout may


def test_the_database_refuses_a_target_equal_to_its_baseline(demo, crm):
    with pytest.raises(IntegrityError), transaction.atomic():
        GoalTarget.objects.create(
            rollout=crm, measure="m", unit="u", baseline=Decimal(1), target=Decimal(1),
            due_date=TODAY(), owner=demo["ceo"],
        )  # fmt: skip


def test_a_changed_target_keeps_its_past_in_the_history(demo, crm):
    target = lead_to_order(crm)
    target_change(
        by=demo["ceo"],
        target=target,
        figures=figures(
            demo["it.manager"], measure=target.measure, unit="days", baseline=Decimal("21"),
            target=Decimal("8"), due_date=target.due_date,
        ),
    )  # fmt: skip
    versions = list(target.history.order_by("history_id").values_list("target", flat=True))
    assert versions[-2:] == [Decimal("10.00"), Decimal("8.00")]
    assert GoalTarget.objects.get(pk=target.pk).owner == demo["it.manager"]


def test_a_target_past_due_may_stay_but_not_be_moved_into_the_past(demo, crm):
    target = lead_to_order(crm)
    GoalTarget.objects.filter(pk=target.pk).update(due_date=TODAY() - timedelta(days=5))
    target.refresh_from_db()
    kept = figures(demo["sales.manager"], measure=target.measure, due_date=target.due_date)
    assert target_change(by=demo["ceo"], target=target, figures=kept).due_date == target.due_date
    moved = figures(demo["sales.manager"], due_date=TODAY() - timedelta(days=1))
    with pytest.raises(GoalError, match="has passed"):
        target_change(by=demo["ceo"], target=target, figures=moved)


def test_the_owner_records_a_value_and_a_second_one_that_day_corrects_it(demo, crm):
    target, day = lead_to_order(crm), unseeded_day()
    first = actual_record(by=demo["sales.manager"], target=target, value=Decimal("15"), as_of=day)
    actual_record(by=demo["sales.manager"], target=target, value=Decimal("14.5"), as_of=day)
    assert TargetActual.objects.filter(target=target, as_of=day).count() == 1
    kept = TargetActual.history.filter(id=first.pk).order_by("history_id")
    assert [h.value for h in kept] == [Decimal("15.00"), Decimal("14.50")]


def test_the_executive_records_too_but_no_one_else(demo, crm):
    target = lead_to_order(crm)
    actual_record(by=demo["ceo"], target=target, value=Decimal("15"), as_of=TODAY())
    for username in ("it.manager", "member1", "sel.senior"):
        with pytest.raises(GoalNotAllowed):
            actual_record(by=demo[username], target=target, value=Decimal("1"), as_of=TODAY())


@pytest.mark.parametrize(
    ("value", "as_of", "message"),
    [
        (Decimal("1"), date.today() + timedelta(days=1), "in the future"),
        (Decimal("1"), date(1999, 12, 31), "after 2000"),
        (Decimal("NaN"), date.today(), "below a million million"),
        (Decimal("1e12"), date.today(), "below a million million"),
    ],
)
def test_bad_values_are_refused(demo, crm, value, as_of, message):
    with pytest.raises(GoalError, match=message):
        actual_record(by=demo["ceo"], target=lead_to_order(crm), value=value, as_of=as_of)


def test_the_database_keeps_one_value_per_target_and_day(demo, crm):
    target = lead_to_order(crm)
    TargetActual.objects.create(
        target=target, value=Decimal(1), as_of=a_month_ago(), recorded_by=demo["ceo"]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        TargetActual.objects.create(
            target=target, value=Decimal(2), as_of=a_month_ago(), recorded_by=demo["ceo"]
        )


def test_progress_follows_the_direction_of_the_target(demo, crm):
    """21 → 10 days: 16 days is 5 of the 11 days to gain (45 %); 0 → 95 %: 31 % is 33 %."""
    progress = {row.target.measure[:6]: row.progress for row in targets_of_rollout(rollout=crm)}
    assert progress == {"Lead-t": 45, "Orders": 33, "Custom": 17}


def test_a_value_the_wrong_way_shows_negative_progress_and_an_empty_bar(demo, crm):
    target = lead_to_order(crm)
    actual_record(by=demo["ceo"], target=target, value=Decimal("23.2"), as_of=TODAY())
    row = next(r for r in targets_of_rollout(rollout=crm) if r.target.pk == target.pk)
    assert (row.progress, row.progress_bar, row.reached) == (-20, 0, False)
