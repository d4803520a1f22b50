"""The rollout app's tables: the project (project.py), its gates (gates.py) and
its working calendar (calendar.py); the work moved to the work app."""

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

__all__ = [
    "CalendarDay",
    "ConditionMet",
    "Decision",
    "DecisionBrief",
    "DecisionCondition",
    "DecisionMailing",
    "Gate",
    "GateCriterion",
    "Heartbeat",
    "Recommendation",
    "Rollout",
    "RolloutGroupObjectPermission",
    "RolloutUserObjectPermission",
    "WorkingCalendar",
]
