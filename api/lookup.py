"""The API names objects by their own id (/api/tasks/7/), where the pages name the rollout
too. This finds the rollout the id belongs to and then goes through the very access call
the pages use, so the rules are the same: 404 for an id that does not exist and for one of
a rollout the person holds no role in (the same answer), 403 for what they see but may not
do at that level."""

from typing import Any, Literal

from django.db.models import Model
from django.http import Http404

from rollout.models import Rollout
from rollout.permissions import get_rollout_for_user
from staffing.access import CommitmentLevel, access_commitment, access_request
from staffing.models import Commitment, StaffingRequest
from work.access import TaskLevel, access_task
from work.models import Task


def _rollout_of(user: Any, model: type[Model], pk: int, rollout_field: str) -> Rollout:
    rollout_id = model._default_manager.filter(pk=pk).values_list(rollout_field, flat=True).first()
    if rollout_id is None:
        raise Http404
    return get_rollout_for_user(user, rollout_id)


def task_for(user: Any, pk: int, *, to: TaskLevel = "read") -> Task:
    return access_task(user, _rollout_of(user, Task, pk, "rollout_id"), pk, to=to)


def commitment_for(user: Any, pk: int, *, to: CommitmentLevel = "read") -> Commitment:
    rollout = _rollout_of(user, Commitment, pk, "request__rollout_id")
    return access_commitment(user, rollout, pk, to=to)


def request_for(
    user: Any, pk: int, *, to: Literal["read", "answer", "executive"] = "read"
) -> StaffingRequest:
    return access_request(user, _rollout_of(user, StaffingRequest, pk, "rollout_id"), pk, to=to)
