"""Which rollouts run past what their working calendar knows. Past a calendar's
`known_until` nobody has entered the public holidays, so every working-day figure there
(escalations, "due soon", expected hours) counts a holiday such as Spring Festival as a
working day: the rollout page and the executive's home say so.

A rollout's dates are today (the sweep counts working days up to today) and the last date
of anything still ahead that the calendar is counted on: what the apps built on this one
register (work: open tasks and objectives; staffing: requests not declined, commitments
not ended; gates: conditions not met)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from rollout.models import Rollout


@dataclass(frozen=True)
class CalendarGap:
    """A rollout whose dates run past the last day its calendar knows."""

    calendar_name: str
    known_until: date | None  # None: the calendar never said it knows any day
    runs_until: date


def latest_date(queryset: QuerySet[Any], field: str) -> Subquery:
    """The latest `field` of the queryset, as a subquery to annotate rollouts with."""
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1])


# Each gives, for the rollout OuterRef("pk"), the last date ahead its app counts working
# days on. Apps built on this one register theirs from AppConfig.ready(), so this module
# never imports them.
DateAhead = Callable[[OuterRef], Subquery]
_dates_ahead: dict[str, DateAhead] = {}


def date_ahead_register(name: str, date_ahead: DateAhead) -> None:
    """By name, so registering twice (ready() run again) replaces rather than adds."""
    _dates_ahead[name] = date_ahead


def calendar_gaps(*, rollout_ids: list[int], today: date | None = None) -> dict[int, CalendarGap]:
    """The gap of each of these rollouts that has one (planning or active, with a
    calendar), by rollout id. One query, whatever the number of rollouts or rows."""
    if not rollout_ids:
        return {}
    today = today or timezone.localdate()
    rollout = OuterRef("pk")
    registered = {f"ahead_{n}": f(rollout) for n, f in enumerate(_dates_ahead.values())}
    rows = (
        Rollout.objects.filter(
            pk__in=rollout_ids,
            calendar__isnull=False,
            status__in=[Rollout.Status.PLANNING, Rollout.Status.ACTIVE],
        )
        .annotate(
            **registered,
        )
        .values_list(
            "pk",
            "calendar__name",
            "calendar__known_until",
            *registered,
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
