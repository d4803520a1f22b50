"""Every write of the selection: vendors, weights and their lock, blind scores and their
submission, reopening, cost-benefit, the negotiation log and the recommendation. Each
checks the seat of the person who acts."""

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import AppError, NotAllowed
from core.validation import readable, saved
from roles.models import Seat
from roles.selectors import departments_of_rollout, seats_held
from rollout.models import Rollout
from selection import policies
from selection.criteria_template import CRITERIA
from selection.models import (
    HIGHEST_SCORE,
    LOWEST_SCORE,
    CostBenefit,
    Criterion,
    DepartmentRate,
    DepartmentRateChange,
    NegotiationEntry,
    Recommendation,
    Score,
    ScoreChange,
    Submission,
    Vendor,
    Weighting,
)
from selection.seats import held_seats
from selection.selectors import scoring_closed, weights_locked

if TYPE_CHECKING:
    from roles.models import User


class SelectionError(AppError):
    """A selection rule was broken; the messages are meant for the person who tried (one, or
    one for each refused entry when several are checked together)."""

    def __init__(self, *messages: str) -> None:
        super().__init__(" ".join(messages))
        self.messages = list(messages)


class SelectionNotAllowed(SelectionError, NotAllowed):
    """The person sees the selection but holds no seat that does this (403)."""


class ScoreEntry(NamedTuple):
    """One cell of a member's scorecard."""

    vendor: Vendor
    criterion: Criterion
    score: int
    comment: str


def _require_seat(person: "User", rollout: Rollout, seat: str, message: str) -> None:
    if seat not in held_seats(person, rollout):
        raise SelectionNotAllowed(message)


# No savepoint: inside the services that call it, the lock is the one query it costs.
@transaction.atomic(savepoint=False)
def selection_setup(*, rollout: Rollout) -> Weighting:
    """The default criteria (from the domain's four dimensions and price) and weights,
    and the rollout's weighting, locked for the rest of the transaction. Set up when the
    rollout is created (gates.setup.rollout_create; a data migration did it for the
    rollouts before), never by a page that only shows them; the services that change the
    weights call it too, so a rollout made some other way (a test's factory) still works.
    One query when the selection is set up already."""
    weighting, created = Weighting.objects.select_for_update().get_or_create(rollout=rollout)
    if created and not Criterion.objects.filter(rollout=rollout).exists():
        Criterion.objects.bulk_create(
            Criterion(rollout=rollout, order=n, **c._asdict()) for n, c in enumerate(CRITERIA)
        )
    return weighting


@transaction.atomic
def vendor_save(*, by: "User", rollout: Rollout, **fields: Any) -> Vendor:
    """A new vendor: the senior and negotiator seats add them, not once scoring has opened."""
    if not held_seats(by, rollout) & {Seat.SENIOR, Seat.NEGOTIATOR}:
        raise SelectionNotAllowed(_("The senior management and negotiator seats keep the vendors."))
    if weights_locked(rollout=rollout):
        raise SelectionError(_("Scoring has opened: no new vendors."))
    vendor = Vendor(rollout=rollout, **fields)
    return saved(vendor, SelectionError)


@transaction.atomic
def weights_set(
    *, by: "User", rollout: Rollout, price_cap: int | None = None, **weights: int
) -> Weighting:
    _require_seat(by, rollout, Seat.SENIOR, _("Only the senior management seat sets the weights."))
    weighting = selection_setup(rollout=rollout)
    if policies.weights_locked(weighting):
        raise SelectionError(_("The weights are locked: scoring has opened."))
    total = sum(weights.values())
    if total != 100:
        raise SelectionError(
            _("The weights add up to %(total)s %%; they must add up to 100 %%.") % {"total": total}
        )
    cap = weighting.price_cap if price_cap is None else price_cap
    if weights.get("price", 0) > cap:
        raise SelectionError(
            _(
                "The price weight (%(price)s %%) is over its cap of %(cap)s %%: "
                "never on price alone."
            )
            % {"price": weights["price"], "cap": cap}
        )
    for name, value in weights.items():
        setattr(weighting, name, value)
    weighting.price_cap = cap
    return saved(weighting, SelectionError)


@transaction.atomic
def scoring_open(*, by: "User", rollout: Rollout) -> Weighting:
    """Lock the weights (recorded) and let the seats score."""
    _require_seat(by, rollout, Seat.SENIOR, _("Only the senior management seat opens scoring."))
    weighting = selection_setup(rollout=rollout)
    if policies.weights_locked(weighting):
        raise SelectionError(_("Scoring is already open."))
    if not Vendor.objects.filter(rollout=rollout).exists():
        raise SelectionError(_("Add the vendors before scoring opens."))
    weighting.locked_at = timezone.now()
    weighting.locked_by = by
    weighting.save(update_fields=["locked_at", "locked_by"])
    return weighting


def criteria_for(person: "User", rollout: Rollout) -> models.QuerySet[Criterion]:
    return Criterion.objects.filter(rollout=rollout, seat__in=held_seats(person, rollout))


def has_submitted(person: "User", rollout: Rollout) -> bool:
    return Submission.objects.filter(
        rollout=rollout, member=person, reopened_at__isnull=True
    ).exists()


def _score_problem(entry: ScoreEntry, rollout: Rollout, held: set[str]) -> str | None:
    """Why this cell cannot be saved, or None. Reads nothing from the database."""
    if entry.vendor.rollout_id != rollout.pk:
        return _("That vendor belongs to another rollout.")
    if entry.criterion.rollout_id != rollout.pk or entry.criterion.seat not in held:
        return _("You score only the criteria of your seat.")
    if not LOWEST_SCORE <= entry.score <= HIGHEST_SCORE:
        return _("A score is from 1 to 5, as the guide says.")
    if not entry.comment.strip():
        return _("Say why, in a comment, for each score.")
    return None


@transaction.atomic
def scores_save(*, by: "User", rollout: Rollout, entries: Sequence[ScoreEntry]) -> list[Score]:
    """A member's scorecard, all cells or none. The seat, the opening and the submission
    are checked once, then every cell; when one is refused nothing is written and the
    error names each refused cell. Otherwise all are written in one statement, whatever
    their number: an insert that updates the member's existing score of a cell instead.
    After a reopening, every cell that changes is kept as a ScoreChange (before and
    after), in the same transaction: a reopened scorecard cannot be changed unseen."""
    held = held_seats(by, rollout)
    if not held:
        raise SelectionError(_("You score only the criteria of your seat."))
    if not weights_locked(rollout=rollout):
        raise SelectionError(_("Scoring has not opened yet."))
    submissions = list(Submission.objects.filter(rollout=rollout, member=by))
    if any(s.reopened_at is None for s in submissions):
        raise SelectionError(_("Your scores are submitted and final."))
    # The last entry for a cell counts; a cell twice in one insert would be refused by it.
    cells = {(e.vendor.pk, e.criterion.pk): e for e in entries}
    refused: list[str] = []
    rows: list[Score] = []
    for entry in cells.values():
        problem = _score_problem(entry, rollout, held)
        row = Score(
            vendor=entry.vendor, criterion=entry.criterion, member=by,
            score=entry.score, comment=entry.comment.strip(),
        )  # fmt: skip
        if problem is None:
            try:
                # The fields only (the comment's length): the foreign keys were resolved
                # within this rollout above, the score's range is checked above and by the
                # database, and the one-score-per-member key is what the insert updates
                # on; checking those here would cost queries for every cell.
                row.full_clean(
                    exclude=["vendor", "criterion", "member"],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as error:
                problem = readable(error)
        if problem is not None:
            refused.append(f"{entry.vendor} · {entry.criterion}: {problem}")
        rows.append(row)
    if refused:
        raise SelectionError(*refused)
    reopenings = [s for s in submissions if s.reopened_at is not None]
    changes = []
    if reopenings and rows:
        # Each member has one submission standing at most, so the newest reopening is
        # the one these changes follow. The member's scores are locked until the end of
        # the transaction, so "before" is what the update replaces.
        reopening = max(reopenings, key=lambda s: (s.reopened_at, s.pk))
        before = {
            (s.vendor_id, s.criterion_id): s
            for s in Score.objects.select_for_update(of=("self",)).filter(
                member=by, vendor__rollout=rollout
            )
        }
        for row in rows:
            old = before.get((row.vendor.pk, row.criterion.pk))
            if old is not None and (old.score, old.comment) == (row.score, row.comment):
                continue
            change = ScoreChange(
                reopening=reopening, vendor=row.vendor, criterion=row.criterion, changed_by=by,
                score_before=old.score if old else None, score_after=row.score,
                comment_before=old.comment if old else "", comment_after=row.comment,
            )  # fmt: skip
            changes.append(change)
    saved = Score.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["vendor", "criterion", "member"],
        update_fields=["score", "comment", "updated_at"],
    )
    ScoreChange.objects.bulk_create(changes)
    return saved


def score_save(
    *, by: "User", vendor: Vendor, criterion: Criterion, score: int, comment: str
) -> Score:
    """One cell (the demo seeds scores this way); the rules are those of scores_save."""
    entry = ScoreEntry(vendor, criterion, score, comment)
    return scores_save(by=by, rollout=vendor.rollout, entries=[entry])[0]


@transaction.atomic
def scores_submit(
    *, by: "User", rollout: Rollout, entries: Sequence[ScoreEntry] | None = None
) -> Submission:
    """Submit a member's scores, final. With `entries`, the scorecard as the member sees it
    (every cell of their seat's criteria for every vendor): they are saved by the rules of
    scores_save and submitted in this one transaction, so what is submitted is what was on
    the screen, and when anything is refused nothing is saved or submitted. Without, the
    saved scores are submitted (the demo seeds them so)."""
    if not held_seats(by, rollout):
        raise SelectionNotAllowed(_("Only selection team members submit scores."))
    if has_submitted(by, rollout):
        raise SelectionError(_("You have already submitted your scores."))
    criteria = criteria_for(by, rollout)
    if entries is not None:
        card = {(v.pk, c.pk) for v in Vendor.objects.filter(rollout=rollout) for c in criteria}
        done = len(card & {(e.vendor.pk, e.criterion.pk) for e in entries})
        needed = len(card)
        if needed and done == needed:
            scores_save(by=by, rollout=rollout, entries=entries)
    else:
        needed = criteria.count() * Vendor.objects.filter(rollout=rollout).count()
        done = Score.objects.filter(
            member=by, vendor__rollout=rollout, criterion__in=criteria
        ).count()
    if needed == 0 or done < needed:
        raise SelectionError(
            _("Score every vendor on every criterion of your seat first (%(done)s of %(needed)s).")
            % {"done": done, "needed": needed}
        )
    try:
        with transaction.atomic():
            return Submission.objects.create(rollout=rollout, member=by)
    except IntegrityError as error:
        raise SelectionError(_("You have already submitted your scores.")) from error


@transaction.atomic
def scores_reopen(*, by: "User", rollout: Rollout, member: "User", reason: str) -> Submission:
    """Let a member change their submitted scores. Nobody reopens their own: a seat that
    has seen the results could otherwise change its scores to move them. Every change
    that follows is kept (scores_save)."""
    _require_seat(by, rollout, Seat.SENIOR, _("Only the senior management seat reopens scores."))
    if member.pk == by.pk:
        raise SelectionError(_("Nobody reopens their own scores; yours stay as submitted."))
    if not reason.strip():
        raise SelectionError(_("Say why the scores are reopened."))
    submission = (
        Submission.objects.select_for_update()
        .filter(rollout=rollout, member=member, reopened_at__isnull=True)
        .first()
    )
    if submission is None:
        raise SelectionError(_("%(person)s has not submitted.") % {"person": member})
    submission.reopened_at = timezone.now()
    submission.reopened_by = by
    submission.reopen_reason = reason.strip()
    submission.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    return submission


@transaction.atomic
def cost_benefit_save(*, by: "User", vendor: Vendor, **fields: Any) -> CostBenefit:
    _require_seat(
        by, vendor.rollout, Seat.FINANCE, _("Only the finance seat edits the cost-benefit.")
    )
    row, _created = CostBenefit.objects.get_or_create(vendor=vendor)
    for name, value in fields.items():
        setattr(row, name, value)
    return saved(row, SelectionError)


@transaction.atomic
def rate_set(
    *, by: "User", rollout: Rollout, department_id: int, hourly_rate: Decimal
) -> DepartmentRate:
    """A department's hourly rate (the internal staff cost of the cost-benefit), kept in the
    history with the one it replaced. The finance seat's, or an administrator's; only for
    a department that takes part in the rollout (has a middle manager on it)."""
    if not policies.edits_rates(
        seats=seats_held(person=by, rollout=rollout), is_superuser=by.is_superuser
    ):
        raise SelectionNotAllowed(_("Only the finance seat sets the department hourly rates."))
    if not departments_of_rollout(rollout=rollout).filter(pk=department_id).exists():
        raise SelectionError(_("That department has no part in this rollout."))
    row = DepartmentRate.objects.select_for_update().filter(
        rollout=rollout, department_id=department_id
    ).first() or DepartmentRate(rollout=rollout, department_id=department_id)
    before = row.hourly_rate if row.pk else None
    row.hourly_rate = hourly_rate
    saved(row, SelectionError, clash=_("This department already has an hourly rate."))
    if before != row.hourly_rate:
        DepartmentRateChange.objects.create(
            rollout=rollout, department_id=department_id, rate_before=before,
            rate_after=row.hourly_rate, changed_by=by,
        )  # fmt: skip
    return row


@transaction.atomic
def negotiation_add(
    *, by: "User", vendor: Vendor, kind: str, text: str,
    price_per_user_year: Decimal | None = None, final: bool = False,
) -> NegotiationEntry:  # fmt: skip
    _require_seat(
        by,
        vendor.rollout,
        Seat.NEGOTIATOR,
        _("Only the negotiator seat keeps the negotiation log."),
    )
    if final and price_per_user_year is None:
        raise SelectionError(_("A final offer needs its price."))
    entry = NegotiationEntry(
        vendor=vendor, kind=kind, text=text.strip(), price_per_user_year=price_per_user_year,
        final=final, by=by,
    )  # fmt: skip
    return saved(entry, SelectionError)


@transaction.atomic
def recommend(*, by: "User", rollout: Rollout, vendor: Vendor, reasoning: str) -> Recommendation:
    _require_seat(by, rollout, Seat.SENIOR, _("Only the senior management seat recommends."))
    if vendor.rollout_id != rollout.pk:
        raise SelectionError(_("That vendor belongs to another rollout."))
    if not reasoning.strip():
        raise SelectionError(_("Give the reasoning for the recommendation."))
    if not scoring_closed(rollout):
        raise SelectionError(_("Recommend once every seat has submitted its scores."))
    return Recommendation.objects.create(
        rollout=rollout, vendor=vendor, reasoning=reasoning.strip(), by=by
    )
