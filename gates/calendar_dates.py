"""The dates ahead of a rollout that the gates count working days on (the reminders of a
decision's conditions), registered with rollout.selectors.calendar_gaps so a calendar that stops
before them is flagged. Registered from GatesConfig.ready()."""

from django.db.models import OuterRef, Subquery

from gates.models import DecisionCondition
from rollout.selectors.calendar_gaps import date_ahead_register, latest_date


def last_condition_due(rollout: OuterRef) -> Subquery:
    return latest_date(
        DecisionCondition.objects.filter(decision__gate__rollout=rollout, met__isnull=True),
        "due_date",
    )


def calendar_dates_register() -> None:
    date_ahead_register("gates.last_condition_due", last_condition_due)
