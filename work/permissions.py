"""Reading one task, log or evidence file of a rollout: 404 for what is not there or not in
that rollout (the same answer for both). Resolve the rollout first with
rollout.permissions.get_rollout_for_user."""

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db.models import BooleanField, ExpressionWrapper, Q

from core.access import one_in_resolved_or_404
from rollout.models import Rollout
from work.improvements import ImprovementItem
from work.models import Evidence, Objective, Task, TaskLog, Workstream
from work.walls import Handoff, OldWayRetirement


def get_task_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int, **asked: Q
) -> Task:
    """A task of a rollout the caller may see (resolve the rollout first); 404 otherwise.
    Everyone in a rollout reads its tasks; what they may do is checked by the services.
    `asked` names conditions read with the task, each an attribute of it (True or False)."""
    tasks = Task.objects.select_related("rollout", "workstream", "department")
    if asked:
        tasks = tasks.annotate(
            **{name: ExpressionWrapper(q, output_field=BooleanField()) for name, q in asked.items()}
        )
    return one_in_resolved_or_404(user, rollout, tasks, rollout=rollout, pk=pk)


def get_log_for_user(user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int) -> TaskLog:
    logs = TaskLog.objects.select_related("task", "task__rollout")
    return one_in_resolved_or_404(user, rollout, logs, task__rollout=rollout, pk=pk)


def get_evidence_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int
) -> Evidence:
    return one_in_resolved_or_404(
        user, rollout, Evidence.objects.all(), log__task__rollout=rollout, pk=pk
    )


def get_objective_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int
) -> Objective:
    objectives = Objective.objects.select_related("rollout", "department")
    return one_in_resolved_or_404(user, rollout, objectives, rollout=rollout, pk=pk)


def get_workstream_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int
) -> Workstream:
    workstreams = Workstream.objects.select_related("rollout").prefetch_related("departments")
    return one_in_resolved_or_404(user, rollout, workstreams, rollout=rollout, pk=pk)


def get_handoff_for_user(user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int) -> Handoff:
    handoffs = Handoff.objects.select_related(
        "workstream__rollout", "from_department", "to_department", "owner"
    ).prefetch_related("workstream__departments")
    return one_in_resolved_or_404(user, rollout, handoffs, workstream__rollout=rollout, pk=pk)


def get_old_way_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int
) -> OldWayRetirement:
    old_ways = OldWayRetirement.objects.select_related("workstream__rollout", "owner")
    return one_in_resolved_or_404(
        user,
        rollout,
        old_ways.prefetch_related("workstream__departments"),
        workstream__rollout=rollout,
        pk=pk,
    )


def get_improvement_for_user(
    user: AbstractUser | AnonymousUser, rollout: Rollout, pk: int
) -> ImprovementItem:
    items = ImprovementItem.objects.select_related("rollout", "department", "owner")
    return one_in_resolved_or_404(user, rollout, items, rollout=rollout, pk=pk)
