"""What a browser posts from the edit forms: the thing's current values and the version
the form was opened on, with the fields named in `changes` changed."""

from typing import Any

from work.edit_services import objective_version, task_version, workstream_version
from work.models import Objective, Task, Workstream


def task_posted(task: Task, **changes: Any) -> dict[str, Any]:
    return {
        "title": task.title,
        "description": task.description,
        "workstream": task.workstream_id,
        "objective": task.objective_id or "",
        "department": task.department_id,
        "assignees": [person.pk for person in task.assignees.all()],
        "due_date": task.due_date.isoformat(),
        "estimate_hours": str(task.estimate_hours),
        "priority": str(task.priority),
        "blocked_by": [blocker.pk for blocker in task.blocked_by.all()],
        "version": task_version(task),
        **changes,
    }


def objective_posted(objective: Objective, **changes: Any) -> dict[str, Any]:
    return {
        "department": objective.department_id,
        "title": objective.title,
        "target": objective.target,
        "due_date": objective.due_date.isoformat(),
        "version": objective_version(objective),
        **changes,
    }


def workstream_posted(workstream: Workstream, **changes: Any) -> dict[str, Any]:
    return {
        "name": workstream.name,
        "description": workstream.description,
        "is_core": "on" if workstream.is_core else "",
        "departments": [department.pk for department in workstream.departments.all()],
        "version": workstream_version(workstream),
        **changes,
    }
