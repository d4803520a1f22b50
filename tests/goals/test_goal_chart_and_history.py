"""A target's chart (where the lines and dots fall) and the goal's history (each change with
what it replaced)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from goals.chart import HEIGHT, MARGIN, WIDTH, target_chart
from goals.history import goal_history
from goals.services import actual_record, target_change
from tests.goals.goal_data import figures, lead_to_order, unseeded_day

pytestmark = pytest.mark.django_db

DUE = date(2027, 6, 30)


def test_the_chart_runs_from_the_first_value_to_the_due_date():
    chart = target_chart(
        baseline=Decimal(21), target=Decimal(10), due_date=DUE,
        actuals=[(date(2026, 9, 1), Decimal(21)), (date(2026, 12, 1), Decimal(16))],
        today=date(2026, 12, 2),
    )  # fmt: skip
    first, last = chart.dots
    assert (chart.first_day, chart.last_day) == (date(2026, 9, 1), DUE)
    assert first.x == 0 and 0 < last.x < WIDTH
    # Higher values higher up: the baseline on top, the target at the bottom, 16 between.
    assert (chart.baseline_y, chart.target_y) == (MARGIN, HEIGHT - MARGIN)
    assert chart.baseline_y < last.y < chart.target_y


def test_without_values_the_chart_starts_today_and_draws_the_two_levels_only():
    today = date(2026, 12, 2)
    chart = target_chart(
        baseline=Decimal(0), target=Decimal(95), due_date=DUE, actuals=[], today=today
    )
    assert (chart.first_day, chart.dots, chart.line) == (today, [], "")
    assert chart.target_y < chart.baseline_y  # higher is better: the target on top


def test_a_value_past_the_due_date_stretches_the_chart_to_it():
    late = DUE + timedelta(days=20)
    chart = target_chart(
        baseline=Decimal(21), target=Decimal(10), due_date=DUE,
        actuals=[(late, Decimal(9))], today=late,
    )  # fmt: skip
    assert chart.last_day == late


def test_the_history_shows_a_changed_target_with_what_it_replaced(demo, crm):
    target = lead_to_order(crm)
    changed = figures(
        demo["sales.manager"], measure=target.measure, unit=target.unit,
        baseline=Decimal(21), target=Decimal(8), due_date=target.due_date,
    )  # fmt: skip
    target_change(by=demo["ceo"], target=target, figures=changed)
    newest = goal_history(rollout=crm)[0]
    assert (newest.subject, newest.action, newest.who) == (
        target.measure, "target changed", str(demo["ceo"]),
    )  # fmt: skip
    assert [(c.field, c.before, c.after) for c in newest.changes] == [("target value", "10", "8")]


def test_the_history_shows_a_corrected_value_with_the_one_it_replaced(demo, crm):
    target, day = lead_to_order(crm), unseeded_day()
    actual_record(by=demo["sales.manager"], target=target, value=Decimal(15), as_of=day)
    actual_record(by=demo["sales.manager"], target=target, value=Decimal("14.5"), as_of=day)
    newest = goal_history(rollout=crm)[0]
    assert newest.action == "value corrected"
    assert [(c.before, c.after) for c in newest.changes] == [("15", "14.5")]
