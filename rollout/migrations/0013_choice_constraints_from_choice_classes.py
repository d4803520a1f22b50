"""CheckConstraints for the choice fields that had none, and the task priority as a list
of its choices instead of a range (the same four values): the model constraints now take
their values from the choice classes. PostgreSQL only adds and drops CHECKs (each ADD reads
the table once to validate it); SQLite, in the embedded mode, rebuilds each table."""

import importlib

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

# SQLite changes a CHECK by rebuilding the table and renaming the copy, and refuses the
# rename while 0009's triggers on rollout_tasklog name rollout_task in their bodies. They
# are dropped around the rebuild of rollout_task and made again from 0009's definitions.
# PostgreSQL drops and adds the CHECK in place and keeps its trigger.
hours_logged = importlib.import_module("rollout.migrations.0009_task_hours_logged")


def sqlite_hours_triggers_drop(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        hours_logged.drop(apps, schema_editor)


def sqlite_hours_triggers_create(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        for name, body in hours_logged.SQLITE_TRIGGERS.items():
            schema_editor.execute(f"CREATE TRIGGER rollout_tasklog_hours_{name} {body}")


class Migration(migrations.Migration):

    dependencies = [
        ('rollout', '0012_decision_briefs_and_mail_outbox'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='decisionbrief',
            constraint=models.CheckConstraint(condition=models.Q(('language__in', ['en', 'zh-hans'])), name='decision_brief_language_valid'),
        ),
        migrations.AddConstraint(
            model_name='gatecriterion',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['goal_set', 'objectives_set', 'seats_filled', 'recommended', 'staffing_fulfilled', 'core_verified', 'manual'])), name='gate_criterion_kind_valid'),
        ),
        migrations.AddConstraint(
            model_name='recommendation',
            constraint=models.CheckConstraint(condition=models.Q(('advice__in', ['go', 'hold', 'recycle', 'stop'])), name='recommendation_advice_valid'),
        ),
        migrations.AddConstraint(
            model_name='taskreview',
            constraint=models.CheckConstraint(condition=models.Q(('outcome__in', ['verified', 'sent_back'])), name='taskreview_outcome_valid'),
        ),
        migrations.RunPython(sqlite_hours_triggers_drop, sqlite_hours_triggers_create),
        migrations.RemoveConstraint(
            model_name='task',
            name='task_priority_valid',
        ),
        migrations.AddConstraint(
            model_name='task',
            constraint=models.CheckConstraint(condition=models.Q(('priority__in', [1, 2, 3, 4])), name='task_priority_valid'),
        ),
        migrations.RunPython(sqlite_hours_triggers_create, sqlite_hours_triggers_drop),
    ]
