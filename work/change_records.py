"""How an edit is kept in the history: each editable field of a task, an objective or a
workstream read as text (`task_values`...), the fields whose text differs between before and
after, and one change row per such field. Used by every service that edits what was
planned; a version of the values (`values_version`) lets a form say what it was opened on."""

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from django.utils import timezone

from work.plan_changes import PlanChange

if TYPE_CHECKING:  # only for the annotations
    from roles.models import Department, User
    from work.models import Objective, Task, Workstream

Values = dict[str, str]
Change = TypeVar("Change", bound=PlanChange)


def department_text(department: "Department") -> str:
    """Both names, whatever the editor's language: the history is read in either."""
    english, chinese = department.name_en, department.name_zh_hans
    return english if not chinese or chinese == english else f"{english} · {chinese}"


def person_text(person: "User") -> str:
    """The name and the username: two people may share a name, never a username."""
    return f"{person} ({person.username})" if person.display_name else person.username


def people_text(people: Iterable["User"]) -> str:
    return ", ".join(sorted(person_text(person) for person in people))


def tasks_text(tasks: Iterable["Task"]) -> str:
    return ", ".join(sorted(task.title for task in tasks))


def departments_text(departments: Iterable["Department"]) -> str:
    return ", ".join(sorted(department_text(d) for d in departments))


def date_text(day: date) -> str:
    return day.isoformat()


def hours_text(hours: Decimal) -> str:
    """4.00 -> "4", 2.50 -> "2.5": the same on every database."""
    return format(hours.normalize(), "f")


def task_values(task: "Task") -> Values:
    """Reads the assignees and the tasks it waits for (prefetch them to save the queries)."""
    return {
        "title": task.title,
        "description": task.description,
        "assignees": people_text(task.assignees.all()),
        "department": department_text(task.department),
        "objective": task.objective.title if task.objective else "",
        "workstream": task.workstream.name,
        "due_date": date_text(task.due_date),
        "estimate_hours": hours_text(task.estimate_hours),
        "priority": str(task.priority),
        "blocked_by": tasks_text(task.blocked_by.all()),
    }


def objective_values(objective: "Objective") -> Values:
    return {
        "title": objective.title,
        "target": objective.target,
        "department": department_text(objective.department),
        "due_date": date_text(objective.due_date),
    }


def workstream_values(workstream: "Workstream") -> Values:
    return {
        "name": workstream.name,
        "description": workstream.description,
        "is_core": "1" if workstream.is_core else "0",
        "departments": departments_text(workstream.departments.all()),
    }


def values_version(values: Mapping[str, str]) -> str:
    """A short fingerprint of the values: a form carries the one it was opened on, and an
    edit is refused when the values have changed since (someone else saved first)."""
    canonical = json.dumps(values, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def changes_record(
    model: type[Change],
    *,
    by: "User",
    rollout_id: int,
    subject: Mapping[str, object],
    before: Values,
    after: Values,
) -> list[Change]:
    """One row per field whose text differs, in one insert, all stamped with the same time;
    `subject` names the thing edited (`{"task": task}`); `before` may hold only the fields
    an edit can touch. Nothing differs: nothing written."""
    now = timezone.now()
    rows = [
        model(
            rollout_id=rollout_id,
            changed_by=by,
            changed_at=now,
            field=field,
            before=before[field],
            after=after[field],
            **subject,
        )
        for field in model.Field.values  # type: ignore[attr-defined]  # each subclass has one
        if field in before and before[field] != after[field]
    ]
    return model.objects.bulk_create(rows) if rows else []  # type: ignore[attr-defined]  # concrete subclasses have a manager
