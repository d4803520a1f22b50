"""The work app's rules beyond one permission, in the manner of rollout/policies.py: one
function per rule, used by views and services alike."""

from rollout.policies import Rights


def plans_for_every_department(rights: Rights) -> bool:
    """The executive plans work for every department; a middle manager (`plan_work` too)
    only for the departments they manage."""
    return "plan_work" in rights and "change_rollout" in rights


def edits_workstream(rights: Rights, *, managed: set[int], crossed: set[int]) -> bool:
    """A workstream crosses departments: whoever plans for every department changes any; a
    middle manager only one that crosses no department but those they manage."""
    if plans_for_every_department(rights):
        return True
    return "plan_work" in rights and crossed <= managed


def changes_planned_task(status: str) -> bool:
    """A verified task is done for good: its plan (title, assignees, dates...) is no longer
    changed, alone or in a bulk change, so what the manager verified stays what was
    planned, and its assignees are not told of work that is over."""
    return status != "verified"


def has_walls(crossed: set[int]) -> bool:
    """Only a workstream that crosses two departments or more has walls to take down:
    hand-offs between them, old ways that kept them apart."""
    return len(crossed) >= 2


def takes_down_walls(rights: Rights, *, managed: set[int], crossed: set[int]) -> bool:
    """A workstream's hand-offs and the old ways it retires are the business of every
    department it crosses: whoever plans for every department (the executive) records and
    changes them, and so does the middle manager of any one of those departments, since a
    hand-off needs both sides and each side's manager must be able to move it."""
    if plans_for_every_department(rights):
        return True
    return "plan_work" in rights and bool(managed & crossed)


def marks_old_way_retired(
    rights: Rights, *, managed: set[int], crossed: set[int], owner_id: int, person_id: int
) -> bool:
    """An old way is marked retired by whoever takes down the workstream's walls, and by
    its owner, who is the one My work asks to do it once it is overdue."""
    return owner_id == person_id or takes_down_walls(rights, managed=managed, crossed=crossed)


def keeps_backlog(rights: Rights, *, managed: set[int], department_id: int) -> bool:
    """A department's improvement backlog is its middle manager's to keep after go-live
    (the source article: they carry the system and raise its use); the executive, who
    plans for every department, adds and edits items in any of them."""
    if plans_for_every_department(rights):
        return True
    return "plan_work" in rights and department_id in managed


def keeps_some_backlog(rights: Rights, *, managed: set[int]) -> bool:
    """Whoever keeps at least one department's backlog may open the form that adds items."""
    return plans_for_every_department(rights) or ("plan_work" in rights and bool(managed))


def moves_improvement(*, owner_id: int, person_id: int) -> bool:
    """The owner does the improvement, so the owner says how far it is (in progress, done,
    dropped): the manager hands it to someone else by editing it, not by closing it."""
    return owner_id == person_id
