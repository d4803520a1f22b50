"""Reminder keys keep today's strings byte for byte: rows in every database hold them and
their uniqueness is what makes a reminder exactly-once. The outbox takes only key objects,
so mypy refuses a key built by hand anywhere else."""

import inspect
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import get_type_hints

import pytest

from notifications.models import Reminder
from notifications.reminder_keys import (
    CommitmentConflictKey,
    CommitmentEndsKey,
    CommitmentStartsKey,
    CommitmentToConfirmKey,
    ConditionDueKey,
    ConditionOverdueKey,
    GateDecideAgainKey,
    GateWaitingKey,
    ImprovementOverdueKey,
    ReminderAbout,
    ReminderKey,
    RequestWaitingKey,
    RiskOverdueKey,
    TaskDueKey,
    TaskOverdueKey,
    UnderFulfilledKey,
)
from notifications.services.reminders import NewReminder, reminder_put, reminders_withdraw

OPENED = datetime(2026, 3, 2, 9, 5, 7, 123456, tzinfo=UTC)

# (key, the string it must be, the id of what it is about)
PINNED: list[tuple[ReminderKey, str, int]] = [
    (RequestWaitingKey(request_id=7), "request_waiting:7:L0", 7),
    (RequestWaitingKey(request_id=7).at(1), "request_waiting:7:L1", 7),
    (CommitmentToConfirmKey(commitment_id=7).at(2), "commitment_to_confirm:7:L2", 7),
    (CommitmentConflictKey(commitment_id=7, event_id=31), "commitment_conflict:7:31", 7),
    (CommitmentStartsKey(commitment_id=7), "commitment_starts:7", 7),
    (CommitmentEndsKey(commitment_id=7, recipient_id=12), "commitment_ends:7:12", 7),
    (
        UnderFulfilledKey(rollout_id=3, person_id=12, week=date(2026, 3, 2), level=1),
        "under_fulfilled:3:12:2026-03-02:L1",
        3,
    ),
    (TaskDueKey(task_id=7, person_id=12), "task_due:7:12", 7),
    (TaskOverdueKey(task_id=7, person_id=12), "task_overdue:7:12:L0", 7),
    (GateWaitingKey(gate_id=7, opened_at=OPENED), "gate_waiting:7:20260302090507:L0", 7),
    (
        GateWaitingKey(gate_id=7, opened_at=OPENED, level=Reminder.Level.EXECUTIVE, person_id=12),
        "gate_waiting:7:20260302090507:L2:12",
        7,
    ),
    (GateDecideAgainKey(gate_id=7, on=date(2026, 3, 9)), "gate_decide_again:7:2026-03-09", 7),
    (ConditionDueKey(condition_id=7), "condition_due:7", 7),
    (ConditionOverdueKey(condition_id=7, level=1), "condition_overdue:7:L1", 7),
    (
        RiskOverdueKey(risk_id=7, due=date(2026, 3, 9), level=1),
        "risk_overdue:7:2026-03-09:L1",
        7,
    ),
    (
        ImprovementOverdueKey(item_id=7, due=date(2026, 3, 9), level=2),
        "improvement_overdue:7:2026-03-09:L2",
        7,
    ),
]
CASE_IDS = [text for _, text, _ in PINNED]


def key_types() -> set[type[ReminderKey]]:
    """Every concrete key class, however far below ReminderKey."""
    found: set[type[ReminderKey]] = set()
    todo: list[type[ReminderKey]] = ReminderKey.__subclasses__()
    while todo:
        sub = todo.pop()
        todo += sub.__subclasses__()
        if not inspect.isabstract(sub):
            found.add(sub)
    return found


@pytest.mark.parametrize(("key", "text", "subject"), PINNED, ids=CASE_IDS)
def test_it_builds_todays_key(key, text, subject):
    assert key.key == text


@pytest.mark.parametrize(("key", "text", "subject"), PINNED, ids=CASE_IDS)
def test_it_names_its_key_by_what_it_is_about(key, text, subject):
    about = type(key).about(subject)
    assert text == about.stem or text.startswith(about.prefix)


def test_every_key_type_is_pinned():
    assert {type(key) for key, _, _ in PINNED} == key_types()


def test_every_kind_has_one_key_type():
    assert sorted(t.kind for t in key_types()) == sorted(Reminder.Kind.values)


def test_the_outbox_takes_only_key_objects():
    assert get_type_hints(NewReminder)["key"] is ReminderKey
    assert get_type_hints(reminder_put)["key"] is ReminderKey
    assert get_type_hints(reminders_withdraw)["about"] == Sequence[ReminderAbout]
