"""The sweep: find what needs a reminder now, across every active rollout, and put the
reminders in the outbox. Run by beat every few minutes and by `manage.py
dispatch_reminders`. A fixed number of queries, whatever the number of rows; the keys make
a second run in the same period add nothing.

The ladder: the person, then (after the rollout's escalation working days) their manager,
then (after twice that) the executive. For a manager's own duty (answering a request) the
manager is the person and the executive is the next step."""

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.utils import timezone

from notifications.reminder_keys import LadderKey
from notifications.services.reminders import NewReminder, reminders_put
from roles.models import Role, RoleAssignment
from rollout.calendar import WorkingDays
from rollout.models import CalendarDay, Rollout

SOON_WORKING_DAYS = 2
LOOK_AHEAD = timedelta(days=21)  # covers "soon" across the longest holiday
LOOK_BACK = timedelta(days=120)


class Context:
    """What every rule needs, loaded once: the rollouts, their calendars, executives and
    department managers."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.rollouts = {
            r.pk: r
            for r in Rollout.objects.filter(
                status__in=[Rollout.Status.PLANNING, Rollout.Status.ACTIVE]
            )
        }
        exceptions: dict[int, dict[date, bool]] = defaultdict(dict)
        for calendar_id, day, is_working in CalendarDay.objects.filter(
            date__gte=today - LOOK_BACK, date__lte=today + LOOK_AHEAD
        ).values_list("calendar_id", "date", "is_working"):
            exceptions[calendar_id][day] = is_working
        self.days = {
            pk: WorkingDays(today - LOOK_BACK, today + LOOK_AHEAD, exceptions[r.calendar_id or 0])
            for pk, r in self.rollouts.items()
        }
        self.executive: dict[int, int] = {}
        self.manager: dict[tuple[int, int], int] = {}
        for rollout_id, role, department_id, person_id in (
            RoleAssignment.objects.active()
            .filter(rollout_id__in=list(self.rollouts), role__in=[Role.EXECUTIVE, Role.MANAGER])
            .values_list("rollout_id", "role", "department_id", "person_id")
        ):
            if role == Role.EXECUTIVE:
                self.executive[rollout_id] = person_id
            else:
                self.manager[(rollout_id, department_id)] = person_id

    def working_days_since(self, rollout_id: int, since: date) -> int:
        """Working days after `since` up to today."""
        if since >= self.today:
            return 0
        return self.days[rollout_id].count(since + timedelta(days=1), self.today)

    def working_days_until(self, rollout_id: int, day: date) -> int:
        if day <= self.today:
            return 0
        return self.days[rollout_id].count(self.today + timedelta(days=1), day)

    def ladder(self, rollout_id: int, since: date) -> int:
        """How far up the ladder a condition waiting since `since` has climbed."""
        step = self.rollouts[rollout_id].escalation_working_days
        waited = self.working_days_since(rollout_id, since)
        return 2 if waited >= 2 * step else 1 if waited >= step else 0


# A rule finds what is due now; the rules of apps built on this one (work's, staffing's,
# gates') are registered from their AppConfig.ready(), so this module never imports them.
SweepRule = Callable[[Context], list[NewReminder]]
_rules: dict[str, SweepRule] = {}


def sweep_rule_register(name: str, rule: SweepRule) -> None:
    """By name, so registering twice (ready() run again) replaces rather than adds."""
    _rules[name] = rule


def reminders_sweep(*, now: datetime | None = None) -> int:
    """Put every reminder that is due now into the outbox; returns how many were offered
    (existing keys are skipped by the database, so a rerun offers the same and adds none)."""
    today = timezone.localdate(now or timezone.now())
    context = Context(today)
    if not context.rollouts:
        return 0
    found: list[NewReminder] = []
    for rule in _rules.values():
        found += rule(context)
    reminders_put(found)
    return len(found)


def climb(
    context: Context,
    rollout_id: int,
    since: date,
    key: LadderKey,
    steps: list[int | None],
    url: str,
    params: dict[str, object],
) -> list[NewReminder]:
    """One reminder per rung reached so far, each with `key` at that rung; `steps[level]`
    is who gets that level."""
    top = context.ladder(rollout_id, since)
    step_days = context.rollouts[rollout_id].escalation_working_days
    out = []
    for level, recipient in enumerate(steps[: top + 1]):
        if recipient is None:
            continue
        out.append(
            NewReminder(
                key=key.at(level),
                recipient_id=recipient,
                rollout_id=rollout_id,
                url=url,
                params={**params, "days": step_days * level},
                level=level,
            )
        )
    return out
