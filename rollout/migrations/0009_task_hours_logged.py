"""Task.hours_logged: the sum of the task's logs, kept by triggers on rollout_tasklog so it
is right whoever inserts the log (the service, an import, raw SQL), and filled in once for
the logs that exist."""

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

BACKFILL = """
UPDATE rollout_task SET hours_logged = COALESCE(
    (SELECT SUM(hours) FROM rollout_tasklog WHERE rollout_tasklog.task_id = rollout_task.id), 0)
"""

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION rollout_task_hours_logged() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE rollout_task SET hours_logged = hours_logged - OLD.hours WHERE id = OLD.task_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE rollout_task SET hours_logged = hours_logged + NEW.hours WHERE id = NEW.task_id;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

SQLITE_TRIGGERS = {
    "insert": "AFTER INSERT ON rollout_tasklog BEGIN "
    "UPDATE rollout_task SET hours_logged = hours_logged + NEW.hours WHERE id = NEW.task_id; END",
    "delete": "AFTER DELETE ON rollout_tasklog BEGIN "
    "UPDATE rollout_task SET hours_logged = hours_logged - OLD.hours WHERE id = OLD.task_id; END",
    "update": "AFTER UPDATE OF hours, task_id ON rollout_tasklog BEGIN "
    "UPDATE rollout_task SET hours_logged = hours_logged - OLD.hours WHERE id = OLD.task_id; "
    "UPDATE rollout_task SET hours_logged = hours_logged + NEW.hours WHERE id = NEW.task_id; END",
}


def create(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    schema_editor.execute(BACKFILL)
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)
        schema_editor.execute(
            "CREATE TRIGGER rollout_tasklog_hours AFTER INSERT OR UPDATE OF hours, task_id "
            "OR DELETE ON rollout_tasklog FOR EACH ROW EXECUTE FUNCTION rollout_task_hours_logged()"
        )
    elif vendor == "sqlite":
        for name, body in SQLITE_TRIGGERS.items():
            schema_editor.execute(f"CREATE TRIGGER rollout_tasklog_hours_{name} {body}")


def drop(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS rollout_tasklog_hours ON rollout_tasklog")
        schema_editor.execute("DROP FUNCTION IF EXISTS rollout_task_hours_logged()")
    elif vendor == "sqlite":
        for name in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS rollout_tasklog_hours_{name}")


class Migration(migrations.Migration):
    dependencies = [("rollout", "0008_decisions_are_written_once")]

    operations = [
        migrations.AddField(
            model_name="task",
            name="hours_logged",
            field=models.DecimalField(
                decimal_places=2,
                default=0,
                editable=False,
                max_digits=9,
                verbose_name="hours logged",
            ),
        ),
        migrations.RunPython(create, drop),
    ]
