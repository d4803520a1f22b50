"""Keys for outbox tests whose reminders are about nothing in particular. The outbox takes
only typed keys, so these are real task-due keys, about a task id no demo row has: they
never meet the demo's own reminders (an existing key would be skipped, not written)."""

from notifications.reminder_keys import TaskDueKey

NO_TASK = 1_000_000_000  # far above every demo id, still a database integer
SPARE = TaskDueKey.about(NO_TASK)  # every spare key: filter by `SPARE.prefix`


def spare_key(n: int) -> TaskDueKey:
    """The n-th spare key (`task_due:1000000000:<n>`)."""
    return TaskDueKey(task_id=NO_TASK, person_id=n)
