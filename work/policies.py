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
