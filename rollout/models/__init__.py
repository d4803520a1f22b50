"""The rollout app's tables: the project with its object-permission tables and the
scheduler's heartbeat (project.py), and its working calendar (calendar.py)."""

from rollout.models.calendar import CalendarDay, WorkingCalendar
from rollout.models.project import (
    Heartbeat,
    Rollout,
    RolloutGroupObjectPermission,
    RolloutUserObjectPermission,
)

__all__ = [
    "CalendarDay",
    "Heartbeat",
    "Rollout",
    "RolloutGroupObjectPermission",
    "RolloutUserObjectPermission",
    "WorkingCalendar",
]
