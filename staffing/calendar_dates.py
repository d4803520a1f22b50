"""The dates ahead of a rollout that staffing counts working days on (expected hours,
reminders), registered with rollout.selectors.calendar_gaps so a calendar that stops before them
is flagged. Registered from StaffingConfig.ready()."""

from django.db.models import OuterRef, Subquery

from rollout.selectors.calendar_gaps import date_ahead_register, latest_date
from staffing.models import Commitment, StaffingRequest


def last_request_end(rollout: OuterRef) -> Subquery:
    return latest_date(
        StaffingRequest.objects.filter(rollout=rollout).exclude(
            status=StaffingRequest.Status.DECLINED
        ),
        "end_date",
    )


def last_commitment_end(rollout: OuterRef) -> Subquery:
    return latest_date(
        Commitment.objects.filter(request__rollout=rollout).exclude(status=Commitment.Status.ENDED),
        "end_date",
    )


def calendar_dates_register() -> None:
    date_ahead_register("staffing.last_request_end", last_request_end)
    date_ahead_register("staffing.last_commitment_end", last_commitment_end)
