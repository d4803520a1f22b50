"""What a decision decided: the vendor chosen at the selection gate (and why, when not the
recommended one), the implementation approach of the contract or implementation gate, and
the phase and tasks a Recycle sends back.

SQLite (the embedded mode) adds the text column and the CHECKs by rebuilding
rollout_decision, which drops the trigger that keeps its rows written once (rollout's
migration 0008): it is made again at the end. PostgreSQL alters the table in place and
keeps its trigger."""

from django.apps.registry import Apps
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
import django.db.models.deletion


def sqlite_written_once_again(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE TRIGGER IF NOT EXISTS rollout_decision_written_once BEFORE UPDATE ON "
            "rollout_decision BEGIN SELECT RAISE(ABORT, 'rows of rollout_decision are "
            "written once'); END"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('gates', '0006_criterion_kinds_goal_and_risks'),
        ('selection', '0005_choice_constraints_from_choice_classes'),
        ('work', '0004_implementation_approach_and_reopened_status'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='decision',
            name='approach',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='decision', to='work.implementationapproach', verbose_name='implementation approach'),
        ),
        migrations.AddField(
            model_name='decision',
            name='recycle_phase',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='gates.gate', verbose_name='phase to redo'),
        ),
        migrations.AddField(
            model_name='decision',
            name='recycle_tasks',
            field=models.ManyToManyField(blank=True, db_table='gates_decision_recycle_tasks', related_name='+', to='work.task', verbose_name='tasks to redo'),
        ),
        migrations.AddField(
            model_name='decision',
            name='vendor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='selection.vendor', verbose_name='vendor chosen'),
        ),
        migrations.AddField(
            model_name='decision',
            name='vendor_reason',
            field=models.TextField(blank=True, verbose_name='why not the recommended vendor'),
        ),
        migrations.AddConstraint(
            model_name='decision',
            constraint=models.CheckConstraint(condition=models.Q(('outcome', 'recycle'), ('recycle_phase__isnull', True), _connector='OR'), name='only_recycle_names_a_phase'),
        ),
        migrations.AddConstraint(
            model_name='decision',
            constraint=models.CheckConstraint(condition=models.Q(('outcome__in', ['go', 'go_conditions']), models.Q(('approach__isnull', True), ('vendor__isnull', True)), _connector='OR'), name='only_go_names_vendor_or_approach'),
        ),
        migrations.AddConstraint(
            model_name='decision',
            constraint=models.CheckConstraint(condition=models.Q(('vendor_reason', ''), ('vendor__isnull', False), _connector='OR'), name='vendor_reason_needs_a_vendor'),
        ),
        migrations.RunPython(sqlite_written_once_again, migrations.RunPython.noop),
    ]
