"""A member's "My tasks" list as one value, kept in the page cache (rollout/page_cache.py):
their tasks on the rollout with what the list shows (workstream, objective, department,
assignees, whether a blocker is open, the last send-back's reason). Every table it reads
belongs to the rollout (tasks, assignees, dependencies, reviews, the plan) or is shown on
every rollout (departments, people's names), so the rollout's data version follows every
write to it.

The reader's key is the person's id and the normalised filters: the list is theirs (the
tasks they are assigned), and nobody reads another person's entry. Access is checked
before, by the view; the filter form is not cached."""

from django.contrib.auth.models import AbstractUser, AnonymousUser

from rollout import page_cache
from rollout.models import Rollout
from work import selectors
from work.models import Task
from work.task_filters import TaskFilter


def my_tasks_figures(
    *, user: AbstractUser | AnonymousUser, rollout: Rollout, filters: TaskFilter
) -> list[Task]:
    return page_cache.cached(
        rollout,
        "my-tasks",
        reader_key=f"{user.pk}-{page_cache.digest(filters.key())}",
        compute=lambda: list(
            selectors.tasks_for_member(user=user, rollout=rollout, filters=filters)
        ),
    )
