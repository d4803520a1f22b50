"""The history of what was planned, oldest first: each row is one field of one edit, with
who made it and when (work.plan_changes). The rows of one edit share their time and person,
so a thread that merges them with other events (comments, logs, reviews) groups by both."""

from django.db.models import QuerySet

from work.models import Objective, ObjectiveChange, Task, TaskChange, Workstream, WorkstreamChange


def task_history(task: Task) -> QuerySet[TaskChange]:
    return TaskChange.objects.filter(task=task).select_related("changed_by")


def objective_history(objective: Objective) -> QuerySet[ObjectiveChange]:
    return ObjectiveChange.objects.filter(objective=objective).select_related("changed_by")


def workstream_history(workstream: Workstream) -> QuerySet[WorkstreamChange]:
    return WorkstreamChange.objects.filter(workstream=workstream).select_related("changed_by")
