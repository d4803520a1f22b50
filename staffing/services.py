"""Every write about staffing: requests for hours, the manager's answer with named people,
the person's confirmation or conflict, later changes, and the executive's stance
assessment of each manager. Each checks who may do it, validates, writes, and puts the
reminders its change calls for in the same transaction."""

from datetime import date, timedelta
from decimal import Decimal
from functools import partial

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.checked import was_checked
from core.errors import NotAllowed
from core.validation import saved, validated
from notifications.reminder_keys import (
    CommitmentConflictKey,
    CommitmentToConfirmKey,
    RequestWaitingKey,
)
from notifications.services.reminders import (
    NewReminder,
    reminder_put,
    reminders_put,
    reminders_withdraw,
)
from roles import selectors
from roles.models import Department, User
from roles.permissions import rollout_permissions_sync, rollout_permissions_sync_people
from roles.services.assignments import RoleError
from rollout.models import Rollout
from rollout.permissions import rollout_permission_names
from staffing import selectors as staffing_selectors
from staffing.models import (
    Commitment,
    CommitmentEvent,
    StaffingAnswer,
    StaffingRequest,
    StanceAssessment,
)
from staffing.permissions import may_be_committed, people_who_can_answer
from staffing.webhook_data import commitment_data, commitment_event_data
from webhooks.emission import webhook_event_put, webhook_events_put
from webhooks.models import WebhookEvent
from work.services import hours_text


class StaffingError(RoleError):
    """A staffing rule was broken; the message is meant for the person who tried."""


class StaffingNotAllowed(StaffingError, NotAllowed):
    """The person sees the commitment but may not do this: a view answers 403."""


def _event(commitment: Commitment, kind: str, by: User, reason: str = "") -> CommitmentEvent:
    event = CommitmentEvent(commitment=commitment, kind=kind, by=by, reason=reason)
    event.full_clean()
    event.save()
    return event


def _webhook(commitment: Commitment, event: CommitmentEvent) -> None:
    """Tell the rollout's webhooks (in this transaction): `commitment` is the one to
    describe (after an hours change, the new one), `event` what happened."""
    webhook_event_put(
        rollout_id=commitment.request.rollout_id, event=WebhookEvent.COMMITMENT_CHANGED,
        key=f"commitment-event:{event.pk}", data=lambda: commitment_event_data(commitment, event),
    )  # fmt: skip


def _request_url(request: StaffingRequest) -> str:
    return reverse("staffing:staffing_request", args=[request.rollout_id, request.pk])


# --- requests ---------------------------------------------------------------------------


@transaction.atomic
def staffing_request_create(
    *,
    by: User,
    rollout: Rollout,
    department: Department,
    purpose: str,
    hours_per_week: Decimal,
    start_date: date,
    end_date: date,
    note: str = "",
) -> StaffingRequest:
    """The executive (or whoever holds the delegated permission) asks a department for hours."""
    if not by.has_perm("rollout.request_staff", rollout):
        raise StaffingError(_("Only the executive, or someone they delegate to, asks for staff."))
    manager = selectors.department_manager(rollout=rollout, department=department)
    if manager is None:
        raise StaffingError(
            _(
                "%(department)s has no middle manager on this rollout to answer; the "
                "department's head or an administrator names one first."
            )
            % {"department": department}
        )
    request = StaffingRequest(
        rollout=rollout,
        department=department,
        requested_by=by,
        purpose=purpose,
        hours_per_week=hours_per_week,
        start_date=start_date,
        end_date=end_date,
        note=note,
    )
    saved(request, StaffingError)
    reminder_put(
        key=RequestWaitingKey(request_id=request.pk),
        recipient=manager,
        rollout=rollout,
        url=_request_url(request),
        params={
            "person_id": manager.pk,  # the one to answer
            "department_en": department.name_en,
            "department_zh_hans": department.name_zh_hans,
            "hours": hours_text(hours_per_week),
            "purpose": purpose,
            "since": str(timezone.localdate()),
        },
    )
    return request


def may_answer(user: User, request: StaffingRequest) -> bool:
    """Only the middle manager of the request's department answers it."""
    # The person's grants on the rollout in one query (has_perm asks twice: users, groups).
    if "commit_staff" not in rollout_permission_names(user, request.rollout):
        return False
    return request.department_id in selectors.managed_department_ids(
        user=user, rollout=request.rollout
    )


# --- capacity ---------------------------------------------------------------------------


def committed_by_week(
    person: User, start: date, end: date, *, exclude: Commitment | None = None
) -> dict[date, Decimal]:
    """The person's committed hours in each week of the range, across every rollout. The
    same count as the free hours the answer form shows (one rule, in the selector)."""
    return staffing_selectors.committed_by_week(
        people=[person], start=start, end=end, exclude=exclude
    )[person.pk]


def capacity_check(
    person: User,
    start: date,
    end: date,
    hours: Decimal,
    *,
    exclude: Commitment | None = None,
    committed: dict[date, Decimal] | None = None,
) -> None:
    """StaffingError naming the first week without room, how many hours are free then,
    and when the person has room again. `committed`: the person's committed_by_week, when
    it was read already (for several people at once)."""
    capacity = person.weekly_capacity_hours
    if committed is None:
        committed = committed_by_week(person, start, end, exclude=exclude)
    full = [
        w for w in staffing_selectors.weeks_between(start, end) if committed[w] + hours > capacity
    ]
    if not full:
        return
    week = full[0]
    free = max(capacity - committed[week], Decimal("0"))
    later = [
        w
        for w in staffing_selectors.weeks_between(start, end)
        if w > week and committed[w] + hours <= capacity
    ]
    when = (
        _(" From the week of %(week)s there is room again.") % {"week": later[0]} if later else ""
    )
    raise StaffingError(
        _(
            "%(person)s has only %(free)s of %(capacity)s hours free in the week of %(week)s "
            "(%(committed)s already committed), not %(hours)s.%(when)s"
        )
        % {
            "person": person,
            "free": hours_text(free),
            "capacity": hours_text(capacity),
            "week": week,
            "committed": hours_text(committed[week]),
            "hours": hours_text(hours),
            "when": when,
        }
    )


def _lock_people(people: list[User]) -> None:
    # Two managers committing the same person at once: the second waits here until the
    # first commits, then sees the first one's hours in capacity_check. Sorted ids keep
    # two transactions from locking the same people in opposite orders (a deadlock).
    ids = sorted({p.pk for p in people})
    list(User.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))


# --- answers ----------------------------------------------------------------------------


@transaction.atomic
def staffing_answer(
    *,
    by: User,
    request: StaffingRequest,
    people: list[tuple[User, Decimal]],
    reason: str = "",
) -> StaffingAnswer:
    """Commit named people of the department (in full, or less with a reason), or decline
    (no people, with a reason). Each person then confirms or raises a conflict."""
    if not was_checked(request, by.pk, "answer") and not may_answer(by, request):
        raise StaffingNotAllowed(
            _("Only the middle manager of this department answers its requests.")
        )
    # Its rollout comes with it (the commitments' grants and reminders name it), unlocked.
    request = (
        StaffingRequest.objects.select_for_update(of=("self",))
        .select_related("rollout")
        .get(pk=request.pk)
    )
    if request.status != StaffingRequest.Status.WAITING:
        raise StaffingError(_("This request is already answered."))
    people = [(person, hours) for person, hours in people if hours]
    if len({p.pk for p, _h in people}) != len(people):
        raise StaffingError(_("Name each person once."))
    for person, hours in people:
        if not may_be_committed(person, request):
            raise StaffingError(
                _("%(person)s is not one of your department's people.") % {"person": person}
            )
        if hours <= 0:
            raise StaffingError(_("Commit more than 0 hours a week."))
    # After a refused counter-offer the people committed then stay: the new answer adds to
    # them, and is judged on the whole.
    already = sum(
        (c.hours_per_week for c in request.commitments.exclude(status=Commitment.Status.ENDED)),
        Decimal("0"),
    )
    total = already + sum((hours for _p, hours in people), Decimal("0"))
    if total >= request.hours_per_week:
        kind = StaffingAnswer.Kind.COMMIT
    elif total > 0:
        kind = StaffingAnswer.Kind.COUNTER
    else:
        kind = StaffingAnswer.Kind.DECLINE
    if kind != StaffingAnswer.Kind.COMMIT and not reason.strip():
        raise StaffingError(
            _("Say why you commit less than the %(hours)s h/week asked, or why you decline.")
            % {"hours": hours_text(request.hours_per_week)}
        )
    _lock_people([p for p, _h in people])
    # Every person's weeks in one read, then each checked: as many queries for ten people
    # as for one, here and in the writes below.
    committed = staffing_selectors.committed_by_week(
        people=[p for p, _h in people], start=request.start_date, end=request.end_date
    )
    for person, hours in people:
        capacity_check(
            person, request.start_date, request.end_date, hours, committed=committed[person.pk]
        )
    answer = StaffingAnswer(
        request=request, kind=kind, hours_per_week=total, reason=reason.strip(), answered_by=by
    )
    # Its rules were checked above (the kind follows from the hours, a reason unless it
    # commits in full, hours of at least 0) and its foreign keys are the request locked
    # here and the signed-in person: the fields' own rules only, without the existence
    # and CheckConstraint queries (five, each in a savepoint); the database enforces both.
    saved(answer, StaffingError, exclude=["request", "answered_by"], validate_constraints=False)
    if people:
        _commit(by, request, people)
    request.status = {
        StaffingAnswer.Kind.COMMIT: StaffingRequest.Status.COMMITTED,
        StaffingAnswer.Kind.COUNTER: StaffingRequest.Status.PARTIAL,
        StaffingAnswer.Kind.DECLINE: StaffingRequest.Status.DECLINED,
    }[kind]
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    reminders_withdraw(about=[RequestWaitingKey.about(request.pk)])
    return answer


def _commit(by: User, request: StaffingRequest, people: list[tuple[User, Decimal]]) -> None:
    """The commitments of an answer, each with its "committed" event and history row, the
    grants that let each person open the rollout and answer, and a reminder to each: a
    fixed number of statements for any number of people. Their rules were checked above
    (hours, the department's people, capacity) and the CheckConstraints stand behind them."""
    commitments = [
        Commitment(
            request=request,
            person=person,
            hours_per_week=hours,
            start_date=request.start_date,
            end_date=request.end_date,
            committed_by=by,
        )
        for person, hours in people
    ]
    for commitment in commitments:
        # The fields' own rules (no query): the foreign keys are the objects checked above.
        validated(
            commitment, StaffingError, exclude=["request", "person", "committed_by"],
            validate_constraints=False,
        )  # fmt: skip
    commitments = bulk_create_with_history(commitments, Commitment, default_user=by)
    CommitmentEvent.objects.bulk_create(
        CommitmentEvent(commitment=c, kind=CommitmentEvent.Kind.COMMITTED, by=by)
        for c in commitments
    )
    webhook_events_put(
        rollout_id=request.rollout_id,
        event=WebhookEvent.COMMITMENT_CHANGED,
        items=[
            (f"commitment-committed:{c.pk}", partial(commitment_data, c, change="committed", by=by))
            for c in commitments
        ],
    )
    # Someone committed to a rollout they hold no role in must still be able to open the
    # reminder's link and confirm or refuse: the one permission service grants it.
    rollout = request.rollout
    rollout_permissions_sync_people(people=[p for p, _h in people], rollout=rollout)
    able = people_who_can_answer(people=[p for p, _h in people], rollout=rollout)
    for person, _hours in people:
        if person.pk not in able:
            raise StaffingError(
                _("%(person)s could not open this rollout to answer; nobody was committed.")
                % {"person": person}
            )
    url = reverse("staffing:staffing", args=[request.rollout_id])
    reminders_put(
        [
            NewReminder(
                CommitmentToConfirmKey(commitment_id=commitment.pk),
                person.pk,
                rollout.pk,
                url,
                {
                    "person_id": person.pk,
                    "person": str(person),
                    "hours": hours_text(hours),
                    "start": str(request.start_date),
                    "end": str(request.end_date),
                },
            )
            for commitment, (person, hours) in zip(commitments, people, strict=True)
        ]
    )


# --- the person's answer ----------------------------------------------------------------


def is_committed_person(user: User, commitment: Commitment) -> bool:
    """Only the committed person confirms a commitment or raises a conflict about it."""
    return commitment.person_id == user.pk


@transaction.atomic
def commitment_confirm(*, by: User, commitment: Commitment) -> Commitment:
    if not is_committed_person(by, commitment):
        raise StaffingNotAllowed(_("Only the committed person confirms a commitment."))
    commitment = (
        # The request is read for its rollout (the webhooks); only the commitment is locked.
        Commitment.objects.select_for_update(of=("self",))
        .select_related("request")
        .get(pk=commitment.pk)
    )
    if commitment.status not in (Commitment.Status.PROPOSED, Commitment.Status.CONFLICT):
        raise StaffingError(_("This commitment is not waiting for your confirmation."))
    if commitment.status == Commitment.Status.CONFLICT:
        # Withdrawing a conflict takes the hours back: they must still fit.
        _lock_people([by])
        capacity_check(
            by, commitment.start_date, commitment.end_date, commitment.hours_per_week,
            exclude=commitment,
        )  # fmt: skip
    commitment.status = Commitment.Status.CONFIRMED
    commitment.confirmed_at = timezone.now()
    commitment.save(update_fields=["status", "confirmed_at"])
    _webhook(commitment, _event(commitment, CommitmentEvent.Kind.CONFIRMED, by))
    # Confirmed: nothing left to confirm, and a conflict the person raised is taken back.
    reminders_withdraw(
        about=[
            CommitmentToConfirmKey.about(commitment.pk),
            CommitmentConflictKey.about(commitment.pk),
        ]
    )
    return commitment


@transaction.atomic
def commitment_conflict(*, by: User, commitment: Commitment, reason: str) -> Commitment:
    """The person cannot give these hours; their manager is told why at once."""
    if not is_committed_person(by, commitment):
        raise StaffingNotAllowed(_("Only the committed person raises a conflict."))
    if not reason.strip():
        raise StaffingError(_("Say what the conflict is, so your manager can act on it."))
    commitment = (
        Commitment.objects.select_for_update().select_related("request").get(pk=commitment.pk)
    )
    if commitment.status not in (Commitment.Status.PROPOSED, Commitment.Status.CONFIRMED):
        raise StaffingError(_("This commitment has ended or already has a conflict."))
    commitment.status = Commitment.Status.CONFLICT
    commitment.save(update_fields=["status"])
    event = _event(commitment, CommitmentEvent.Kind.CONFLICT, by, reason.strip())
    _webhook(commitment, event)
    reminders_withdraw(about=[CommitmentToConfirmKey.about(commitment.pk)])
    request = commitment.request
    reminder_put(
        key=CommitmentConflictKey(commitment_id=commitment.pk, event_id=event.pk),
        recipient=commitment.committed_by,
        rollout=request.rollout,
        url=_request_url(request),
        params={
            "person_id": by.pk,
            "person": str(by),
            "hours": hours_text(commitment.hours_per_week),
            "reason": reason.strip(),
        },
    )
    return commitment


# --- later changes by the manager -------------------------------------------------------


def _require_manager_of(by: User, commitment: Commitment) -> None:
    if not was_checked(commitment, by.pk, "manage") and not may_answer(by, commitment.request):
        raise StaffingNotAllowed(
            _("Only the middle manager of this department changes its commitments.")
        )


@transaction.atomic
def commitment_change(
    *, by: User, commitment: Commitment, hours_per_week: Decimal, from_date: date, reason: str
) -> Commitment:
    """New hours from a date: the old commitment ends the day before and a new one
    replaces it, so what was promised for the weeks before stays on record."""
    _require_manager_of(by, commitment)
    if not reason.strip():
        raise StaffingError(_("Say why the hours change."))
    commitment = (
        Commitment.objects.select_for_update().select_related("request").get(pk=commitment.pk)
    )
    if commitment.status == Commitment.Status.ENDED:
        raise StaffingError(_("This commitment has ended."))
    if Commitment.objects.filter(replaces=commitment).exists():
        raise StaffingError(_("These hours were already changed; change the newer commitment."))
    if hours_per_week <= 0:
        raise StaffingError(_("To give no hours at all, pull the person back instead."))
    if not commitment.start_date <= from_date <= commitment.end_date:
        raise StaffingError(
            _("The change must start between %(start)s and %(end)s.")
            % {"start": commitment.start_date, "end": commitment.end_date}
        )
    _lock_people([commitment.person])
    if hours_per_week > commitment.hours_per_week:
        capacity_check(
            commitment.person, from_date, commitment.end_date, hours_per_week, exclude=commitment
        )
    replacement = Commitment(
        request=commitment.request,
        person=commitment.person,
        hours_per_week=hours_per_week,
        start_date=from_date,
        end_date=commitment.end_date,
        # More hours need the person's yes again; fewer keep the answer they gave.
        status=Commitment.Status.PROPOSED
        if hours_per_week > commitment.hours_per_week
        else commitment.status,
        confirmed_at=commitment.confirmed_at,
        replaces=commitment,
        committed_by=by,
    )
    _end_before(commitment, from_date)
    changed = _event(commitment, CommitmentEvent.Kind.HOURS_CHANGED, by, reason.strip())
    # The manager acted on the commitment: a conflict raised about it is answered.
    reminders_withdraw(about=[CommitmentConflictKey.about(commitment.pk)])
    saved(replacement, StaffingError)
    _event(replacement, CommitmentEvent.Kind.COMMITTED, by)
    _webhook(replacement, changed)
    return replacement


@transaction.atomic
def commitment_pull_back(
    *, by: User, commitment: Commitment, from_date: date, reason: str
) -> Commitment:
    """The person stops working on the rollout from a date; the weeks before stay."""
    _require_manager_of(by, commitment)
    if not reason.strip():
        raise StaffingError(_("Say why the person is pulled back."))
    commitment = (
        # Only the commitment row is locked; the joined rows are read for the grant below.
        Commitment.objects.select_for_update(of=("self",))
        .select_related("person", "request__rollout")
        .get(pk=commitment.pk)
    )
    if commitment.status == Commitment.Status.ENDED:
        raise StaffingError(_("This commitment has ended."))
    if from_date > commitment.end_date:
        raise StaffingError(_("The commitment ends before that date anyway."))
    _end_before(commitment, from_date)
    _webhook(commitment, _event(commitment, CommitmentEvent.Kind.PULLED_BACK, by, reason.strip()))
    # A commitment ended before it began no longer gives its person a way in.
    rollout_permissions_sync(person=commitment.person, rollout=commitment.request.rollout)
    reminders_withdraw(about=[CommitmentConflictKey.about(commitment.pk)])
    return commitment


def _end_before(commitment: Commitment, from_date: date) -> None:
    """Cut the commitment short before `from_date`; if nothing is left of it, it ends.
    The weeks before stay promised (and keep counting for capacity and fulfilment)."""
    if from_date <= commitment.start_date:
        commitment.status = Commitment.Status.ENDED
        reminders_withdraw(about=[CommitmentToConfirmKey.about(commitment.pk)])
    else:
        commitment.end_date = from_date - timedelta(days=1)
    commitment.save(update_fields=["status", "end_date"])


# --- stance -----------------------------------------------------------------------------


@transaction.atomic
def stance_assess(
    *, by: User, rollout: Rollout, manager: User, stance: str, reason: str
) -> StanceAssessment:
    """Only the executive assesses; each assessment is a new row, the history stays."""
    if not by.has_perm("rollout.decide_gate", rollout):
        raise StaffingError(_("Only the rollout's executive assesses the managers' stance."))
    if not reason.strip():
        raise StaffingError(_("Give the reason for your assessment."))
    if not selectors.managed_department_ids(user=manager, rollout=rollout):
        raise StaffingError(
            _("%(person)s is not a middle manager on this rollout.") % {"person": manager}
        )
    assessment = StanceAssessment(
        rollout=rollout, manager=manager, stance=stance, reason=reason.strip(), assessed_by=by
    )
    return saved(assessment, StaffingError)
