"""The rollout app's tables: the project (project.py) and its work (work.py)."""

from rollout.models.calendar import CalendarDay, WorkingCalendar
from rollout.models.gates import (
    ConditionMet,
    Decision,
    DecisionBrief,
    DecisionCondition,
    DecisionMailing,
    Gate,
    GateCriterion,
    Recommendation,
)
from rollout.models.project import (
    Heartbeat,
    Rollout,
    RolloutGroupObjectPermission,
    RolloutUserObjectPermission,
)
from rollout.models.work import Evidence, Objective, Task, TaskLog, TaskReview, Workstream

__all__ = [
    "CalendarDay",
    "ConditionMet",
    "Decision",
    "DecisionBrief",
    "DecisionCondition",
    "DecisionMailing",
    "Evidence",
    "Gate",
    "GateCriterion",
    "Heartbeat",
    "Objective",
    "Recommendation",
    "Rollout",
    "RolloutGroupObjectPermission",
    "RolloutUserObjectPermission",
    "Task",
    "TaskLog",
    "TaskReview",
    "WorkingCalendar",
    "Workstream",
]
