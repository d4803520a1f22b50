"""Reminder keys: one class per kind of reminder, the only place a key is built.

A key names what a reminder is about, for whom and for which period or rung of the ladder.
It is unique in the outbox, so a reminder written twice (a retried task, a second sweep) is
stored once. Rows already in databases hold these strings, so their format never changes
(tests/notifications/test_reminder_keys.py pins each one).

Every key starts with its kind and the id of the thing it is about (`task_due:7:3`), so
`SomeKey.about(7)` stands for every reminder of that kind about thing 7, whatever its
person, period or rung: what is withdrawn when the thing is done.

Plain Python on purpose (no models, no other app): the outbox can move without it."""

from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import ClassVar, Self


@dataclass(frozen=True, kw_only=True)
class ReminderKey(ABC):
    kind: ClassVar[str]  # the reminder's kind (Reminder.Kind), and the key's first part

    @abstractmethod
    def parts(self) -> tuple[object, ...]:
        """The key after its kind; the first part is the id of the thing it is about."""

    @property
    def key(self) -> str:
        return ":".join(str(part) for part in (self.kind, *self.parts()))

    @classmethod
    def about(cls, subject_id: int) -> "ReminderAbout":
        return ReminderAbout(key_type=cls, subject_id=subject_id)


@dataclass(frozen=True, kw_only=True)
class ReminderAbout:
    """Every reminder of one kind about one thing: `task_due:7` is the key itself or any
    key under it (`task_due:7:3`), never `task_due:70`."""

    key_type: type[ReminderKey]
    subject_id: int

    @property
    def stem(self) -> str:
        return f"{self.key_type.kind}:{self.subject_id}"

    @property
    def prefix(self) -> str:
        return f"{self.stem}:"


@dataclass(frozen=True, kw_only=True)
class LadderKey(ReminderKey):
    """A reminder that climbs the ladder: each rung is its own reminder (`...:L1`), so
    reaching the manager does not resend the person's. Level 0 is the person."""

    level: int = 0

    def at(self, level: int) -> Self:
        return replace(self, level=level)


@dataclass(frozen=True, kw_only=True)
class RequestWaitingKey(LadderKey):
    kind = "request_waiting"
    request_id: int

    def parts(self) -> tuple[object, ...]:
        return (self.request_id, f"L{self.level}")


@dataclass(frozen=True, kw_only=True)
class CommitmentToConfirmKey(LadderKey):
    kind = "commitment_to_confirm"
    commitment_id: int

    def parts(self) -> tuple[object, ...]:
        return (self.commitment_id, f"L{self.level}")


@dataclass(frozen=True, kw_only=True)
class CommitmentConflictKey(ReminderKey):
    """One per conflict raised (its event), so raising another after an answer reminds
    again."""

    kind = "commitment_conflict"
    commitment_id: int
    event_id: int

    def parts(self) -> tuple[object, ...]:
        return (self.commitment_id, self.event_id)


@dataclass(frozen=True, kw_only=True)
class CommitmentStartsKey(ReminderKey):
    kind = "commitment_starts"
    commitment_id: int

    def parts(self) -> tuple[object, ...]:
        return (self.commitment_id,)


@dataclass(frozen=True, kw_only=True)
class CommitmentEndsKey(ReminderKey):
    """Both the person and their manager are told: one key per recipient."""

    kind = "commitment_ends"
    commitment_id: int
    recipient_id: int

    def parts(self) -> tuple[object, ...]:
        return (self.commitment_id, self.recipient_id)


@dataclass(frozen=True, kw_only=True)
class UnderFulfilledKey(LadderKey):
    """About a person's hours on a rollout in one week (its Monday)."""

    kind = "under_fulfilled"
    rollout_id: int
    person_id: int
    week: date

    def parts(self) -> tuple[object, ...]:
        return (self.rollout_id, self.person_id, self.week.isoformat(), f"L{self.level}")


@dataclass(frozen=True, kw_only=True)
class TaskDueKey(ReminderKey):
    kind = "task_due"
    task_id: int
    person_id: int

    def parts(self) -> tuple[object, ...]:
        return (self.task_id, self.person_id)


@dataclass(frozen=True, kw_only=True)
class TaskOverdueKey(LadderKey):
    kind = "task_overdue"
    task_id: int
    person_id: int

    def parts(self) -> tuple[object, ...]:
        return (self.task_id, self.person_id, f"L{self.level}")


@dataclass(frozen=True, kw_only=True)
class GateWaitingKey(LadderKey):
    """Stamped with when the gate opened, so a gate reopened later reminds again. The top
    rung goes to the sponsor or to every administrator: one key per person there."""

    kind = "gate_waiting"
    gate_id: int
    opened_at: datetime
    person_id: int | None = None

    def parts(self) -> tuple[object, ...]:
        stamp = f"{self.opened_at:%Y%m%d%H%M%S}"
        rung = (self.gate_id, stamp, f"L{self.level}")
        return rung if self.person_id is None else (*rung, self.person_id)


@dataclass(frozen=True, kw_only=True)
class GateDecideAgainKey(ReminderKey):
    """Dated with the day set to decide again, so a second hold reminds again."""

    kind = "gate_decide_again"
    gate_id: int
    on: date

    def parts(self) -> tuple[object, ...]:
        return (self.gate_id, self.on.isoformat())


@dataclass(frozen=True, kw_only=True)
class ConditionDueKey(ReminderKey):
    kind = "condition_due"
    condition_id: int

    def parts(self) -> tuple[object, ...]:
        return (self.condition_id,)


@dataclass(frozen=True, kw_only=True)
class ConditionOverdueKey(LadderKey):
    kind = "condition_overdue"
    condition_id: int

    def parts(self) -> tuple[object, ...]:
        return (self.condition_id, f"L{self.level}")


@dataclass(frozen=True, kw_only=True)
class RiskOverdueKey(LadderKey):
    """Dated with the mitigation's due date, so a risk given a new date that passes too
    reminds again."""

    kind = "risk_overdue"
    risk_id: int
    due: date

    def parts(self) -> tuple[object, ...]:
        return (self.risk_id, self.due.isoformat(), f"L{self.level}")


@dataclass(frozen=True, kw_only=True)
class ImprovementOverdueKey(LadderKey):
    """An item of a department's improvement backlog past its date, dated with that date,
    so an item given a new date that passes too reminds again."""

    kind = "improvement_overdue"
    item_id: int
    due: date

    def parts(self) -> tuple[object, ...]:
        return (self.item_id, self.due.isoformat(), f"L{self.level}")
