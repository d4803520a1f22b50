"""Every write of the goal: its words, its targets (set and changed by the executive) and
their actual values (recorded by the target's owner or the executive). The view's access
call (goals.access) marks what it checked; without the mark (a command, a test, the
import) the rule is asked here again. Every write is kept in the history
(django-simple-history) with the person who made it."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from core.checked import was_checked
from core.errors import AppError, NotAllowed
from core.validation import saved
from goals.access import RECORD, SET
from goals.models import FIRST_DAY, LAST_DAY, GoalTarget, TargetActual
from goals.policies import may_record_actual, may_set_goal
from roles.selectors import people as people_selectors
from rollout.models import Rollout
from rollout.permissions import rollout_permission_names

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import User

# Long enough for a paragraph in two languages, short enough to read at a gate.
GOAL_MAX = 4000


class GoalError(AppError):
    """A goal, target or actual refused; the message says why, for the person who tried."""


class GoalNotAllowed(GoalError, NotAllowed):
    """The person sees the goal but may not do this (403)."""


@dataclass(frozen=True)
class TargetFigures:
    """What a target says, as the executive types it (in the form or a service call)."""

    measure: str
    unit: str
    baseline: Decimal
    target: Decimal
    due_date: date
    owner: "User"


def _require_setter(by: "User", checked: Model, rollout: Rollout) -> None:
    if was_checked(checked, by.pk, SET):
        return
    if not may_set_goal(rollout_permission_names(by, rollout)):
        raise GoalNotAllowed(_("Only the executive sets the rollout's goal and its targets."))


def _by(obj: Model, by: "User") -> None:
    obj._history_user = by  # type: ignore[attr-defined]  # read by simple_history


@transaction.atomic
def goal_text_set(*, by: "User", rollout: Rollout, text: str) -> Rollout:
    """The goal's words. Never emptied: a goal is changed, not withdrawn."""
    _require_setter(by, rollout, rollout)
    text = text.replace("\x00", "").strip()
    if not text:
        raise GoalError(_("Write the goal: what the rollout is for, in a sentence or two."))
    if len(text) > GOAL_MAX:
        raise GoalError(
            _("The goal holds at most %(max)s characters; this one has %(count)s.")
            % {"max": GOAL_MAX, "count": len(text)}
        )
    rollout.goal = text
    _by(rollout, by)
    rollout.save(update_fields=["goal", "updated_at"])
    return rollout


def _checked_figures(rollout: Rollout, figures: TargetFigures) -> TargetFigures:
    measure, unit = figures.measure.replace("\x00", "").strip(), figures.unit.strip()
    if not measure or not unit:
        raise GoalError(_("Name the measure and its unit (e.g. lead-to-order time, days)."))
    if figures.target == figures.baseline:
        raise GoalError(
            _("The target value equals the baseline: say where the measure must get to.")
        )
    if not FIRST_DAY <= figures.due_date <= LAST_DAY:
        raise GoalError(
            _("Enter a due date between %(first)s and %(last)s.")
            % {"first": FIRST_DAY.year, "last": LAST_DAY.year}
        )
    if not people_selectors.people_of_rollout(rollout=rollout).filter(pk=figures.owner.pk).exists():
        raise GoalError(
            _("%(person)s holds no role on this rollout: the owner must be one of its people.")
            % {"person": figures.owner}
        )
    return TargetFigures(
        measure, unit, figures.baseline, figures.target, figures.due_date, figures.owner
    )


def _apply(target: GoalTarget, figures: TargetFigures) -> None:
    target.measure, target.unit = figures.measure, figures.unit
    target.baseline, target.target = figures.baseline, figures.target
    target.due_date, target.owner = figures.due_date, figures.owner


def _clash() -> str:
    return _("This rollout already has a target for this measure.")


@transaction.atomic
def target_create(*, by: "User", rollout: Rollout, figures: TargetFigures) -> GoalTarget:
    """A new target; its due date lies ahead (a target already due is no target)."""
    _require_setter(by, rollout, rollout)
    figures = _checked_figures(rollout, figures)
    if figures.due_date < timezone.localdate():
        raise GoalError(_("The due date has passed: a new target is due today or later."))
    target = GoalTarget(rollout=rollout)
    _apply(target, figures)
    _by(target, by)
    return saved(target, GoalError, clash=_clash())


@transaction.atomic
def target_change(*, by: "User", target: GoalTarget, figures: TargetFigures) -> GoalTarget:
    """A target changed (its figures, date or owner); the history keeps what it said. A
    due date already past may stay, but a changed one must lie ahead."""
    _require_setter(by, target, target.rollout)
    figures = _checked_figures(target.rollout, figures)
    if figures.due_date != target.due_date and figures.due_date < timezone.localdate():
        raise GoalError(_("The new due date has passed: move it to today or later."))
    _apply(target, figures)
    _by(target, by)
    return saved(target, GoalError, clash=_clash())


def actual_check(*, value: Decimal, as_of: date) -> None:
    """The rules of one recorded value, shared with the import (which reports them by row)."""
    if as_of > timezone.localdate():
        raise GoalError(_("The date is in the future: record a value once it is known."))
    if as_of < FIRST_DAY:
        raise GoalError(_("Enter a date after %(first)s.") % {"first": FIRST_DAY.year})
    if not value.is_finite() or abs(value) >= Decimal("1e12"):
        raise GoalError(_("Enter a number below a million million."))


def require_recorder(by: "User", target: GoalTarget) -> None:
    if was_checked(target, by.pk, RECORD):
        return
    if not may_record_actual(by, target, rollout_permission_names(by, target.rollout)):
        raise GoalNotAllowed(_("Only the target's owner and the executive record its values."))


@transaction.atomic
def actual_record(*, by: "User", target: GoalTarget, value: Decimal, as_of: date) -> TargetActual:
    """The measure's value on a day. A day already recorded is corrected (one value a day);
    the history keeps the value it replaced."""
    require_recorder(by, target)
    actual_check(value=value, as_of=as_of)
    actual = TargetActual.objects.select_for_update().filter(
        target=target, as_of=as_of
    ).first() or TargetActual(target=target, as_of=as_of)
    actual.value = value.quantize(Decimal("0.01"))
    actual.recorded_by, actual.recorded_at = by, timezone.now()
    _by(actual, by)
    return saved(
        actual, GoalError, clash=_("A value for this day was recorded at the same moment.")
    )
