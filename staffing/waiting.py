"""Staffing's part of My work (core.waiting): the requests a department's middle manager
has to answer, and the commitments the person named has to confirm. Registered from
StaffingConfig.ready(). One query a kind, however many rollouts or requests."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from core.waiting import WaitingItem, register_waiting
from roles.models import Role, User
from roles.selectors.people import holds_role
from rollout.permissions import holds_rollout_permission
from staffing.models import Commitment, StaffingRequest
from work.services import hours_text


def requests_to_answer(person: User) -> QuerySet[StaffingRequest]:
    """Requests waiting for an answer from the person as the middle manager of the
    requested department (staffing.services.may_answer, for every rollout at once)."""
    return (
        StaffingRequest.objects.filter(status=StaffingRequest.Status.WAITING)
        .filter(holds_role(person, Role.MANAGER, department_field="department_id"))
        .filter(holds_rollout_permission(person, "commit_staff"))
    )


def commitments_to_confirm(person: User) -> QuerySet[Commitment]:
    """Commitments naming the person that wait for them to confirm or raise a conflict."""
    return Commitment.objects.filter(person_id=person.pk, status=Commitment.Status.PROPOSED)


def _request_items(ids: list[int]) -> list[WaitingItem]:
    requests = StaffingRequest.objects.filter(pk__in=ids).select_related("rollout", "department")
    return [
        WaitingItem(
            kind="staffing_request",
            action=_("Answer the staffing request"),
            subject=_("%(department)s: %(hours)s h a week, %(purpose)s")
            % {
                "department": r.department.name,
                "hours": hours_text(r.hours_per_week),
                "purpose": r.get_purpose_display(),
            },
            rollout_name=r.rollout.name,
            since=r.created_at,
            url=reverse("staffing:staffing_request", args=[r.rollout_id, r.pk]) + "#answer-heading",
            due=r.start_date,
        )
        for r in requests
    ]


def _commitment_items(ids: list[int]) -> list[WaitingItem]:
    commitments = Commitment.objects.filter(pk__in=ids).select_related("request__rollout")
    return [
        WaitingItem(
            kind="commitment",
            action=_("Confirm your commitment"),
            subject=_("%(hours)s h a week, %(start)s to %(end)s")
            % {
                "hours": hours_text(c.hours_per_week),
                "start": c.start_date.isoformat(),
                "end": c.end_date.isoformat(),
            },
            rollout_name=c.request.rollout.name,
            since=c.created_at,
            url=reverse("staffing:staffing", args=[c.request.rollout_id]) + f"#commitment-{c.pk}",
            due=c.start_date,
        )
        for c in commitments
    ]


def waiting_register() -> None:
    """Called from StaffingConfig.ready()."""
    register_waiting("staffing_request", _request_items, pending=requests_to_answer)
    register_waiting("commitment", _commitment_items, pending=commitments_to_confirm)
