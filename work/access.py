"""One access call per object, carrying the level it needs: `access_task(user, rollout, pk,
to="log")` answers 404 for a task the person cannot see and 403 for one they see but may
not act on at that level, and marks the task so that the service does not ask again.
Objectives and workstreams are only ever edited ("plan")."""

from typing import TYPE_CHECKING, Literal

from core.access import permitted
from roles import selectors as role_selectors
from rollout.models import Rollout
from rollout.policies import Rights
from work import edit_services, improvement_services, wall_services
from work import services as work
from work.improvements import ImprovementItem
from work.models import Objective, Task, TaskLog, Workstream
from work.permissions import (
    get_handoff_for_user,
    get_improvement_for_user,
    get_log_for_user,
    get_objective_for_user,
    get_old_way_for_user,
    get_task_for_user,
    get_workstream_for_user,
)
from work.walls import Handoff, OldWayRetirement

if TYPE_CHECKING:  # only for the annotations: the person is whatever the view signed in
    from roles.models import User

TaskLevel = Literal["read", "log", "verify", "plan"]


def access_task(user: "User", rollout: Rollout, pk: int, *, to: TaskLevel = "read") -> Task:
    if to == "log":
        # Whether the person may log on it comes with the task, in the same query.
        task = get_task_for_user(user, rollout, pk, may_log=work.loggable_by(user))
        return permitted(user, task, to, bool(getattr(task, "may_log", False)))
    task = get_task_for_user(user, rollout, pk)
    if to == "read":
        return task
    return permitted(user, task, to, _may(user, task, to))


def _may(user: "User", task: Task, level: TaskLevel) -> bool:
    if level == "verify":
        return work.may_verify(user, task)
    return work.may_plan_for(user, task.rollout, task.department_id)


def access_log(user: "User", rollout: Rollout, pk: int, *, to: Literal["correct"]) -> TaskLog:
    """A work log to correct: only its member corrects it (work.services.may_correct)."""
    log = get_log_for_user(user, rollout, pk)
    return permitted(user, log, to, work.may_correct(user, log))


def access_reviews(user: "User", rollout: Rollout, rights: Rights) -> Rollout:
    """The rollout's four-qualities reviews, to read: its reviewers, whoever may read every
    review, and the members reviewed (their own); 403 for anyone else in the rollout."""
    reads = (
        "review_members" in rights
        or "view_reviews" in rights
        or role_selectors.is_active_member(person=user, rollout=rollout)
    )
    return permitted(user, rollout, "reviews", reads)


def access_objective(
    user: "User", rollout: Rollout, pk: int, *, to: Literal["plan"] = "plan"
) -> Objective:
    """An objective to edit: its department's planners (the executive, its manager)."""
    objective = get_objective_for_user(user, rollout, pk)
    return permitted(user, objective, to, work.may_plan_for(user, rollout, objective.department_id))


def access_workstream(
    user: "User", rollout: Rollout, pk: int, *, to: Literal["plan"] = "plan"
) -> Workstream:
    """A workstream to edit: the executive, or the manager of every department it crosses."""
    workstream = get_workstream_for_user(user, rollout, pk)
    return permitted(user, workstream, to, edit_services.may_edit_workstream(user, workstream))


def access_walls(
    user: "User", rollout: Rollout, pk: int, *, to: Literal["walls"] = "walls"
) -> Workstream:
    """A workstream whose walls to change (its hand-offs, its old ways): the executive, or
    the manager of a department it crosses (work.policies.takes_down_walls)."""
    workstream = get_workstream_for_user(user, rollout, pk)
    return permitted(user, workstream, to, wall_services.may_take_down_walls(user, workstream))


def access_handoff(
    user: "User", rollout: Rollout, pk: int, *, to: Literal["walls"] = "walls"
) -> Handoff:
    """A hand-off to edit or move to another state: whoever may change its workstream's
    walls. Its workstream is marked too: the services ask about the workstream."""
    handoff = get_handoff_for_user(user, rollout, pk)
    allowed = wall_services.may_take_down_walls(user, handoff.workstream)
    permitted(user, handoff.workstream, to, allowed)
    return permitted(user, handoff, to, allowed)


def access_old_way(
    user: "User", rollout: Rollout, pk: int, *, to: Literal["walls", "retire"]
) -> OldWayRetirement:
    """An old way to edit ("walls": as for a hand-off, its workstream marked too) or to mark
    retired ("retire": its owner too, work.policies.marks_old_way_retired)."""
    old_way = get_old_way_for_user(user, rollout, pk)
    if to == wall_services.RETIRE:
        return permitted(user, old_way, to, wall_services.may_mark_retired(user, old_way))
    allowed = wall_services.may_take_down_walls(user, old_way.workstream)
    permitted(user, old_way.workstream, to, allowed)
    return permitted(user, old_way, to, allowed)


def access_backlog(
    user: "User", rollout: Rollout, *, to: Literal["backlog"] = "backlog"
) -> Rollout:
    """The rollout, to add an item to a department's backlog: the executive, or a middle
    manager (of the departments they manage: the form offers only those)."""
    return permitted(user, rollout, to, improvement_services.may_add_improvements(user, rollout))


def access_improvement(
    user: "User", rollout: Rollout, pk: int, *, to: Literal["backlog", "move"]
) -> ImprovementItem:
    """An item to edit ("backlog": its department's manager, the executive) or to move to
    another status ("move": its owner)."""
    item = get_improvement_for_user(user, rollout, pk)
    if to == improvement_services.MOVE:
        return permitted(user, item, to, improvement_services.may_move(user, item))
    allowed = improvement_services.may_keep_backlog(user, rollout, item.department_id)
    return permitted(user, item, to, allowed)
