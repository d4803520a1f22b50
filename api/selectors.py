"""The API's lists: each one query for its rows (plus one for each related list), ordered
by id so pages are stable, whatever the number of rows. `since` narrows a list to what
changed after that moment: the updated_at of a rollout, a task, a commitment or a staffing
request (stamped by the database on every change, core.updated_at_stamps), a log's or a
decision's created_at (logs and decisions are never changed: a correction or a new
decision is a new row)."""

from datetime import datetime
from typing import TypeVar

from django.db.models import Prefetch, QuerySet

from api.models import ApiToken
from gates.models import Decision, Gate
from roles.models import User
from rollout.models import Rollout
from staffing.models import Commitment, StaffingRequest
from work.models import Task, TaskLog

Row = TypeVar("Row", Rollout, Task, Commitment, StaffingRequest)


def _changed_since(rows: QuerySet[Row], since: datetime | None) -> QuerySet[Row]:
    return rows.filter(updated_at__gt=since) if since else rows


def api_rollouts(*, visible: QuerySet[Rollout], since: datetime | None) -> QuerySet[Rollout]:
    return _changed_since(visible.order_by("pk"), since)


def api_tasks(*, rollout: Rollout, since: datetime | None = None) -> QuerySet[Task]:
    tasks = (
        Task.objects.filter(rollout=rollout)
        .select_related("workstream")
        .prefetch_related("assignees")
        .order_by("pk")
    )
    return _changed_since(tasks, since)


def api_logs(*, task: Task, since: datetime | None) -> QuerySet[TaskLog]:
    logs = TaskLog.objects.filter(task=task).prefetch_related("evidence").order_by("pk")
    return logs.filter(created_at__gt=since) if since else logs


def api_commitments(*, rollout: Rollout, since: datetime | None = None) -> QuerySet[Commitment]:
    return _changed_since(Commitment.objects.filter(request__rollout=rollout).order_by("pk"), since)


def api_staffing_requests(
    *, rollout: Rollout, since: datetime | None = None
) -> QuerySet[StaffingRequest]:
    return _changed_since(StaffingRequest.objects.filter(rollout=rollout).order_by("pk"), since)


def api_gates(*, rollout: Rollout, since: datetime | None) -> QuerySet[Gate]:
    """The gates with their decisions (only the decisions after `since`, when given)."""
    decisions = Decision.objects.order_by("pk")
    if since:
        decisions = decisions.filter(created_at__gt=since)
    return (
        Gate.objects.filter(rollout=rollout)
        .prefetch_related(Prefetch("decisions", queryset=decisions))
        .order_by("order", "pk")
    )


def api_tokens_of(*, person: User) -> QuerySet[ApiToken]:
    """The person's own tokens, newest first (revoked and expired ones too, marked so)."""
    return ApiToken.objects.filter(user=person)
