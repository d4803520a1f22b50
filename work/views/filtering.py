"""The filter form of a task list (the board, the plan, My tasks), read from the URL."""

from collections.abc import Sequence

from django.http import HttpRequest

from roles.models import Department, User
from rollout.models import Rollout
from work import selectors
from work.task_filters import TaskFilter, TaskFilterForm, task_filter


def filter_from_url(
    request: HttpRequest,
    rollout: Rollout,
    *,
    departments: Sequence[Department] | None,
    members: Sequence[User] | None,
) -> tuple[TaskFilterForm, TaskFilter]:
    """The form (to show the choices made) and the filter of its valid values; a list
    without a department or an assignee choice passes None for it. The lists are read
    already, so a page that shows them elsewhere too reads them once."""
    form = TaskFilterForm(
        request.GET,
        departments=departments,
        members=members,
        workstreams=list(selectors.workstreams_of_rollout(rollout=rollout)),
    )
    return form, task_filter(form)
