"""The senior seat edits the selection criteria (rename, reweight, add, remove) until the
weights lock (selection.policies.weights_locked); every edit is kept as a CriterionChange,
in the same transaction."""

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from core.validation import saved
from roles.models import Seat
from rollout.models import Rollout
from selection import policies
from selection.models import Criterion, CriterionChange, Weighting
from selection.services import SelectionError, _require_seat, selection_setup

if TYPE_CHECKING:
    from roles.models import User

# What the senior seat may change on a criterion after it was added.
EDITABLE = ("text_en", "text_zh_hans", "guide_en", "guide_zh_hans", "weight")


def _open_for(by: "User", rollout: Rollout) -> Weighting:
    """The rollout's weighting, locked for the transaction, when `by` may edit the criteria
    now; else the refusal with its reason."""
    _require_seat(by, rollout, Seat.SENIOR, _("Only the senior management seat sets the criteria."))
    weighting = selection_setup(rollout=rollout)
    if policies.weights_locked(weighting):
        raise SelectionError(criteria_locked_reason(weighting))
    return weighting


def criteria_locked_reason(weighting: Weighting) -> str:
    """Why the criteria can no longer change, for the page and the refusal alike."""
    when = formats.date_format(weighting.locked_at, "Y-m-d") if weighting.locked_at else ""
    return _(
        "The criteria are fixed: the weights locked when scoring opened (%(date)s), so every "
        "seat scores against the same criteria."
    ) % {"date": when}


def _summary(criterion: Criterion) -> str:
    """The criterion as the history keeps it, in both languages."""
    return (f"{criterion.text_en} / {criterion.text_zh_hans} · ×{criterion.weight}")[:450]


@transaction.atomic
def criterion_add(*, by: "User", rollout: Rollout, **fields: Any) -> Criterion:
    _open_for(by, rollout)
    last = Criterion.objects.filter(rollout=rollout, dimension=fields.get("dimension")).count()
    criterion = saved(Criterion(rollout=rollout, order=last, **fields), SelectionError)
    CriterionChange.objects.create(
        rollout=rollout, criterion=criterion, kind=CriterionChange.Kind.ADDED,
        after=_summary(criterion), changed_by=by,
    )  # fmt: skip
    return criterion


@transaction.atomic
def criterion_change(*, by: "User", criterion: Criterion, **fields: Any) -> Criterion:
    """Rename or reweight a criterion (its texts, guide and weight); nothing kept when
    nothing changed."""
    _open_for(by, criterion.rollout)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise SelectionError(_("A criterion's dimension and seat stay as they were added."))
    before = _summary(criterion)
    changed = [name for name, value in fields.items() if getattr(criterion, name) != value]
    for name in changed:
        setattr(criterion, name, fields[name])
    if not changed:
        return criterion
    saved(criterion, SelectionError)
    CriterionChange.objects.create(
        rollout=criterion.rollout, criterion=criterion, kind=CriterionChange.Kind.CHANGED,
        before=before, after=_summary(criterion), changed_by=by,
    )  # fmt: skip
    return criterion


@transaction.atomic
def criterion_remove(*, by: "User", criterion: Criterion) -> None:
    """Remove a criterion. Each dimension and each seat keeps at least one: a dimension
    without criteria would score nothing against its weight, and a seat without any could
    never submit."""
    rollout = criterion.rollout
    _open_for(by, rollout)
    siblings = Criterion.objects.filter(rollout=rollout).exclude(pk=criterion.pk)
    if not siblings.filter(dimension=criterion.dimension).exists():
        raise SelectionError(
            _("%(dimension)s keeps at least one criterion.")
            % {"dimension": criterion.get_dimension_display()}
        )
    if not siblings.filter(seat=criterion.seat).exists():
        raise SelectionError(
            _("The %(seat)s seat keeps at least one criterion to score.")
            % {"seat": criterion.get_seat_display()}
        )
    if criterion.scores.exists():
        # Scores come only once the weights lock; a criterion with scores is a record.
        raise SelectionError(_("This criterion has been scored; it stays."))
    CriterionChange.objects.create(
        rollout=rollout, criterion=None, kind=CriterionChange.Kind.REMOVED,
        before=_summary(criterion), changed_by=by,
    )  # fmt: skip
    criterion.delete()
