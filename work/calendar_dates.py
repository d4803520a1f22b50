"""The dates ahead of a rollout that work counts working days on (tasks due, objectives),
registered with rollout.selectors.calendar_gaps so a calendar that stops before them is flagged.
Registered from WorkConfig.ready()."""

from django.db.models import OuterRef, Subquery

from rollout.selectors.calendar_gaps import date_ahead_register, latest_date
from work.models import Objective, Task


def last_open_task_due(rollout: OuterRef) -> Subquery:
    return latest_date(
        Task.objects.filter(rollout=rollout).exclude(status=Task.Status.VERIFIED), "due_date"
    )


def last_objective_due(rollout: OuterRef) -> Subquery:
    return latest_date(Objective.objects.filter(rollout=rollout), "due_date")


def calendar_dates_register() -> None:
    date_ahead_register("work.last_open_task_due", last_open_task_due)
    date_ahead_register("work.last_objective_due", last_objective_due)
