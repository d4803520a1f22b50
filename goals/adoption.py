"""Every write after go-live: the adoption measures (defined by the executive), their
monthly values per department (recorded by its manager, the executive or an import) and
the realised yearly benefit (the finance seat or the executive). The view's access call
(goals.access) marks what it checked; without the mark (a command, a test, the import)
the rule is asked here again. The history keeps every write with the person who made it."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.checked import was_checked
from core.validation import saved
from goals.access import RECORD_BENEFIT
from goals.models import FIRST_DAY, AdoptionKind, AdoptionMeasure, AdoptionValue, RealisedBenefit
from goals.policies import may_record_adoption, may_record_benefit
from goals.services import GoalError, GoalNotAllowed, _by, _require_setter
from roles.models import Department
from roles.selectors.people import departments_of_rollout, managed_department_ids, seats_held
from rollout.models import Rollout
from rollout.permissions import rollout_permission_names

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import User

NOTE_MAX = 2000
BELOW = Decimal("1e12")


@dataclass(frozen=True)
class MeasureFigures:
    """What an adoption measure says, as the executive types it."""

    name: str
    unit: str
    kind: str
    target: Decimal
    higher_is_better: bool


@transaction.atomic
def measure_create(*, by: "User", rollout: Rollout, figures: MeasureFigures) -> AdoptionMeasure:
    _require_setter(by, rollout, rollout)
    name, unit = figures.name.replace("\x00", "").strip(), figures.unit.strip()
    if not name or not unit:
        raise GoalError(_("Name the measure and its unit (e.g. active users, people)."))
    if figures.kind not in AdoptionKind.values:
        raise GoalError(_("Choose what the measure counts."))
    _check_number(figures.target)
    measure = AdoptionMeasure(
        rollout=rollout,
        name=name,
        unit=unit,
        kind=figures.kind,
        target=figures.target,
        higher_is_better=figures.higher_is_better,
    )
    _by(measure, by)
    return saved(measure, GoalError, clash=_("This rollout already has a measure of this name."))


def _check_number(value: Decimal) -> None:
    if not value.is_finite() or abs(value) >= BELOW:
        raise GoalError(_("Enter a number below a million million."))


def month_check(*, month: date, value: Decimal) -> date:
    """The rules of one monthly value, shared with the import: the month (any day of it
    given) is held as its first day, and is not ahead of this month."""
    first = month.replace(day=1)
    if first > timezone.localdate().replace(day=1):
        raise GoalError(_("The month is ahead: record a month once it has begun."))
    if first < FIRST_DAY:
        raise GoalError(_("Enter a month after %(first)s.") % {"first": FIRST_DAY.year})
    _check_number(value)
    return first


def require_adoption_recorder(by: "User", rollout: Rollout, department: Department) -> None:
    """The department is one of the rollout's (it has a manager there), and the person
    records for it."""
    if not departments_of_rollout(rollout=rollout).filter(pk=department.pk).exists():
        raise GoalError(
            _("%(department)s has no manager on this rollout: its figures are not measured here.")
            % {"department": department}
        )
    # The access call (RECORD_ADOPTION) only said the person reaches the form: whether they
    # record for this department is asked each time.
    rights = rollout_permission_names(by, rollout)
    managed = managed_department_ids(user=by, rollout=rollout)
    if not may_record_adoption(rights, department_id=department.pk, managed=managed):
        raise GoalNotAllowed(
            _("Only %(department)s's manager and the executive record its figures.")
            % {"department": department}
        )


@transaction.atomic
def adoption_record(
    *, by: "User", measure: AdoptionMeasure, department: Department, month: date, value: Decimal
) -> AdoptionValue:
    """The measure's value for the department in the month. A month already recorded is
    corrected (one value a month); the history keeps the value it replaced."""
    require_adoption_recorder(by, measure.rollout, department)
    first = month_check(month=month, value=value)
    row = AdoptionValue.objects.select_for_update().filter(
        measure=measure, department=department, month=first
    ).first() or AdoptionValue(measure=measure, department=department, month=first)
    row.value = value.quantize(Decimal("0.01"))
    row.recorded_by, row.recorded_at = by, timezone.now()
    _by(row, by)
    return saved(row, GoalError, clash=_("A value for this month was recorded at the same moment."))


@transaction.atomic
def benefit_record(
    *, by: "User", rollout: Rollout, yearly_amount: Decimal, as_of: date, note: str = ""
) -> RealisedBenefit:
    """The yearly benefit the rollout brings as of a day (the finance seat's estimate). A
    day already recorded is corrected."""
    if not was_checked(rollout, by.pk, RECORD_BENEFIT):
        rights = rollout_permission_names(by, rollout)
        if not may_record_benefit(rights, seats=seats_held(person=by, rollout=rollout)):
            raise GoalNotAllowed(_("Only the finance seat and the executive record the benefit."))
    if as_of > timezone.localdate():
        raise GoalError(_("The date is in the future: record the benefit once it is known."))
    if as_of < FIRST_DAY:
        raise GoalError(_("Enter a date after %(first)s.") % {"first": FIRST_DAY.year})
    if yearly_amount < 0:
        raise GoalError(_("The realised benefit cannot be negative."))
    _check_number(yearly_amount)
    note = note.replace("\x00", "").strip()
    if len(note) > NOTE_MAX:
        raise GoalError(_("The note holds at most %(max)s characters.") % {"max": NOTE_MAX})
    row = RealisedBenefit.objects.select_for_update().filter(
        rollout=rollout, as_of=as_of
    ).first() or RealisedBenefit(rollout=rollout, as_of=as_of)
    row.yearly_amount, row.note = yearly_amount.quantize(Decimal("0.01")), note
    row.recorded_by, row.recorded_at = by, timezone.now()
    _by(row, by)
    return saved(row, GoalError, clash=_("A benefit for this day was recorded at the same moment."))
