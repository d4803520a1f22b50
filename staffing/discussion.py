"""A staffing request's activity thread: the request, its answers and its commitments'
events as discussion's entries, and the Target through which discussion reaches a request
(registered from StaffingConfig.ready())."""

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from discussion.models import CommentTarget
from discussion.targets import Target, register_target
from discussion.thread import ThreadEntry
from rollout.models import Rollout
from staffing import selectors
from staffing.access import access_request
from staffing.models import CommitmentEvent, StaffingAnswer, StaffingRequest


def request_history(
    request: StaffingRequest,
    answers: Iterable[StaffingAnswer],
    events: Iterable[CommitmentEvent],
) -> list[ThreadEntry]:
    """From the rows the request's page has read already."""
    entries = [ThreadEntry(request.created_at, str(request.requested_by), _("Requested"))]
    for answer in answers:
        text = _("Answered %(answer)s, %(hours)s h/week") % {
            "answer": answer.get_kind_display(),
            "hours": answer.hours_per_week,
        }
        if answer.reason:
            text = _("%(what)s: %(reason)s") % {"what": text, "reason": answer.reason}
        entries.append(ThreadEntry(answer.created_at, str(answer.answered_by), text))
    for event in events:
        text = f"{event.commitment.person} · {event.get_kind_display()}"
        if event.reason:
            text = _("%(what)s: %(reason)s") % {"what": text, "reason": event.reason}
        entries.append(ThreadEntry(event.created_at, str(event.by), text))
    return entries


def request_target(
    request: StaffingRequest,
    rollout: Rollout,
    viewer: Any,
    answers: Iterable[StaffingAnswer],
    events: Iterable[CommitmentEvent],
) -> Target:
    return Target(
        kind=CommentTarget.STAFFING_REQUEST,
        pk=request.pk,
        rollout=rollout,
        viewer_id=viewer.pk,
        url=reverse("staffing:staffing_request", args=[rollout.pk, request.pk]),
        label=lambda: str(request),
        history=lambda: request_history(request, answers, events),
    )


def _resolve(user: Any, rollout: Rollout, pk: int) -> Target:
    """Staffing's own access call: everyone in a rollout reads its plan (404 otherwise)."""
    request = access_request(user, rollout, pk)
    answers = request.answers.select_related("answered_by")
    events = selectors.commitment_history(request=request)
    return request_target(request, rollout, user, answers, events)


def discussion_register() -> None:
    register_target(CommentTarget.STAFFING_REQUEST, _resolve)
