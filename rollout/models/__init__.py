"""The rollout app's tables: the project (project.py) and its work (work.py)."""

from rollout.models.calendar import CalendarDay, WorkingCalendar
from rollout.models.project import (
    Heartbeat,
    Rollout,
    RolloutGroupObjectPermission,
    RolloutUserObjectPermission,
)
from rollout.models.work import Evidence, Objective, Task, TaskLog, TaskReview, Workstream

__all__ = [
    "CalendarDay",
    "Evidence",
    "Heartbeat",
    "Objective",
    "Rollout",
    "RolloutGroupObjectPermission",
    "RolloutUserObjectPermission",
    "Task",
    "TaskLog",
    "TaskReview",
    "WorkingCalendar",
    "Workstream",
]
