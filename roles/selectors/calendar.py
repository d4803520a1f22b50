"""Which rollouts run past what their working calendar knows. Past a calendar's
`known_until` nobody has entered the public holidays, so every working-day figure there
(escalations, "due soon", expected hours) counts a holiday such as Spring Festival as a
working day: the rollout page and the executive's home say so.

A rollout's dates are today (the sweep counts working days up to today) and the last date
of anything still ahead that the calendar is counted on: open tasks and objectives,
staffing requests not declined, commitments not ended, conditions not met. It lives here
rather than in rollout/ because requests and commitments are this app's."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from rollout.models import DecisionCondition, Objective, Rollout, Task
from staffing.models import Commitment, StaffingRequest


@dataclass(frozen=True)
class CalendarGap:
    """A rollout whose dates run past the last day its calendar knows."""

    calendar_name: str
    known_until: date | None  # None: the calendar never said it knows any day
    runs_until: date


def _latest(queryset: QuerySet[Any], field: str) -> Subquery:
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1])


def calendar_gaps(*, rollout_ids: list[int], today: date | None = None) -> dict[int, CalendarGap]:
    """The gap of each of these rollouts that has one (planning or active, with a
    calendar), by rollout id. One query, whatever the number of rollouts or rows."""
    if not rollout_ids:
        return {}
    today = today or timezone.localdate()
    rollout = OuterRef("pk")
    rows = (
        Rollout.objects.filter(
            pk__in=rollout_ids,
            calendar__isnull=False,
            status__in=[Rollout.Status.PLANNING, Rollout.Status.ACTIVE],
        )
        .annotate(
            last_task=_latest(
                Task.objects.filter(rollout=rollout).exclude(status=Task.Status.VERIFIED),
                "due_date",
            ),
            last_objective=_latest(Objective.objects.filter(rollout=rollout), "due_date"),
            last_request=_latest(
                StaffingRequest.objects.filter(rollout=rollout).exclude(
                    status=StaffingRequest.Status.DECLINED
                ),
                "end_date",
            ),
            last_commitment=_latest(
                Commitment.objects.filter(request__rollout=rollout).exclude(
                    status=Commitment.Status.ENDED
                ),
                "end_date",
            ),
            last_condition=_latest(
                DecisionCondition.objects.filter(decision__gate__rollout=rollout, met__isnull=True),
                "due_date",
            ),
        )
        .values_list(
            "pk",
            "calendar__name",
            "calendar__known_until",
            "last_task",
            "last_objective",
            "last_request",
            "last_commitment",
            "last_condition",
        )
    )
    gaps = {}
    for pk, name, known_until, *dates in rows:
        runs_until = max([today, *(d for d in dates if d is not None)])
        if known_until is None or runs_until > known_until:
            gaps[pk] = CalendarGap(
                calendar_name=name, known_until=known_until, runs_until=runs_until
            )
    return gaps
