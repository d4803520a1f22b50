"""Staffing's part of the reminders: its rules for the sweep (notifications.services.sweep) -
requests waiting for an answer, commitments waiting for confirmation, starting or ending
soon, and last week's under-fulfilment - and the purpose its reminder texts name.
Registered from StaffingConfig.ready()."""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone

from notifications.reminder_keys import (
    CommitmentEndsKey,
    CommitmentStartsKey,
    CommitmentToConfirmKey,
    RequestWaitingKey,
    UnderFulfilledKey,
)
from notifications.reminder_texts import choice_label_register
from notifications.services.reminders import NewReminder
from notifications.services.sweep import (
    LOOK_AHEAD,
    SOON_WORKING_DAYS,
    Context,
    climb,
    sweep_rule_register,
)
from rollout.calendar import week_start
from staffing.models import Commitment, Purpose, StaffingRequest
from staffing.selectors import expected_hours
from work.models import TaskLog
from work.services import hours_text


def _requests_waiting(context: Context) -> list[NewReminder]:
    out = []
    for r in StaffingRequest.objects.filter(
        rollout_id__in=list(context.rollouts), status=StaffingRequest.Status.WAITING
    ).select_related("department"):
        manager = context.manager.get((r.rollout_id, r.department_id))
        executive = context.executive.get(r.rollout_id)
        out += climb(
            context,
            r.rollout_id,
            timezone.localdate(r.created_at),
            RequestWaitingKey(request_id=r.pk),
            [manager, executive],  # the manager's own duty: the executive is next
            reverse("staffing:staffing_request", args=[r.rollout_id, r.pk]),
            {
                "person_id": manager,  # the one to answer
                "department_en": r.department.name_en,
                "department_zh_hans": r.department.name_zh_hans,
                "hours": hours_text(r.hours_per_week),
                "purpose": r.purpose,
                "since": str(timezone.localdate(r.created_at)),
            },
        )
    return out


def _commitments_waiting(context: Context) -> list[NewReminder]:
    out = []
    for c in Commitment.objects.filter(
        request__rollout_id__in=list(context.rollouts), status=Commitment.Status.PROPOSED
    ).select_related("person", "request"):
        rollout_id = c.request.rollout_id
        out += climb(
            context,
            rollout_id,
            timezone.localdate(c.created_at),
            CommitmentToConfirmKey(commitment_id=c.pk),
            [
                c.person_id,
                context.manager.get((rollout_id, c.request.department_id)),
                context.executive.get(rollout_id),
            ],
            reverse("staffing:staffing", args=[rollout_id]),
            {
                "person_id": c.person_id,
                "person": str(c.person),
                "hours": hours_text(c.hours_per_week),
                "start": str(c.start_date),
                "end": str(c.end_date),
            },
        )
    return out


def _commitments_starting_and_ending(context: Context) -> list[NewReminder]:
    out = []
    horizon = context.today + LOOK_AHEAD
    for c in Commitment.objects.filter(
        Q(start_date__gt=context.today, start_date__lte=horizon)
        | Q(end_date__gte=context.today, end_date__lte=horizon),
        request__rollout_id__in=list(context.rollouts),
        status__in=[Commitment.Status.PROPOSED, Commitment.Status.CONFIRMED],
    ).select_related("person", "request"):
        rollout_id = c.request.rollout_id
        params = {
            "person_id": c.person_id,
            "person": str(c.person),
            "hours": hours_text(c.hours_per_week),
            "start": str(c.start_date),
            "end": str(c.end_date),
        }
        url = reverse("staffing:staffing", args=[rollout_id])
        if 0 < context.working_days_until(rollout_id, c.start_date) <= SOON_WORKING_DAYS:
            out.append(
                NewReminder(
                    CommitmentStartsKey(commitment_id=c.pk),
                    c.person_id,
                    rollout_id,
                    url,
                    params,
                )
            )
        if context.working_days_until(rollout_id, c.end_date) <= SOON_WORKING_DAYS and (
            c.end_date >= context.today
        ):
            manager = context.manager.get((rollout_id, c.request.department_id))
            for recipient in {c.person_id, manager} - {None}:
                assert recipient is not None  # noqa: S101  # narrowed for mypy
                out.append(
                    NewReminder(
                        CommitmentEndsKey(commitment_id=c.pk, recipient_id=recipient),
                        recipient,
                        rollout_id,
                        url,
                        params,
                    )
                )
    return out


def _under_fulfilled(context: Context) -> list[NewReminder]:
    """Last week's committed hours against the hours logged on the rollout's tasks."""
    last_week = week_start(context.today) - timedelta(days=7)
    week_end = last_week + timedelta(days=6)
    commitments = Commitment.objects.filter(
        request__rollout_id__in=list(context.rollouts),
        start_date__lte=week_end,
        end_date__gte=last_week,
        status=Commitment.Status.CONFIRMED,
    ).select_related("person", "request")
    expected: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    people: dict[int, Commitment] = {}
    for c in commitments:
        rollout_id = c.request.rollout_id
        expected[(rollout_id, c.person_id)] += expected_hours(
            c.hours_per_week, c.start_date, c.end_date, last_week, context.days[rollout_id]
        )
        people[c.person_id] = c
    if not expected:
        return []
    logged = {
        (row["task__rollout_id"], row["member_id"]): row["total"] or Decimal("0")
        for row in TaskLog.objects.filter(
            task__rollout_id__in=list(context.rollouts),
            member_id__in=list(people),
            work_date__gte=last_week,
            work_date__lte=week_end,
        )
        .values("task__rollout_id", "member_id")
        .annotate(total=Sum("hours"))
        .order_by()
    }
    out = []
    for (rollout_id, person_id), committed in expected.items():
        worked = logged.get((rollout_id, person_id), Decimal("0"))
        if not committed or worked * 5 >= committed * 4:  # at least 80 %: kept
            continue
        c = people[person_id]
        out += climb(
            context,
            rollout_id,
            week_end,
            UnderFulfilledKey(rollout_id=rollout_id, person_id=person_id, week=last_week),
            [
                person_id,
                context.manager.get((rollout_id, c.request.department_id)),
                context.executive.get(rollout_id),
            ],
            reverse("staffing:fulfilment", args=[rollout_id]),
            {
                "person_id": person_id,
                "person": str(c.person),
                "week": str(last_week),
                "logged": hours_text(worked),
                "committed": hours_text(committed),
            },
        )
    return out


def purpose_label(code: Any) -> str | None:
    """A request's purpose in the reader's language; None for a code that is not one."""
    return str(Purpose(code).label) if code in Purpose.values else None


def reminders_register() -> None:
    """Called from StaffingConfig.ready()."""
    choice_label_register("purpose", purpose_label)
    sweep_rule_register("staffing.requests_waiting", _requests_waiting)
    sweep_rule_register("staffing.commitments_waiting", _commitments_waiting)
    sweep_rule_register(
        "staffing.commitments_starting_and_ending", _commitments_starting_and_ending
    )
    sweep_rule_register("staffing.under_fulfilled", _under_fulfilled)
