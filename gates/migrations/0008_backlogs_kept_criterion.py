"""The Improve gate's criterion that reads every department's improvement backlog live.
The rollouts made before it get it on their Improve gate when still to be decided
(upcoming, waiting or on hold), last among its criteria, as a new rollout gets it; a decided
gate keeps the criteria it was decided on (as 0005 did for the risks)."""

from django.apps.registry import Apps
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import F, Max

KIND = "backlogs_kept"
TEXT_EN = "Every department's improvement backlog has no overdue item and at least one done"
TEXT_ZH_HANS = "每个部门的改进清单没有逾期事项，且至少完成一项"  # as gates/gate_template.py
UNDECIDED = ("upcoming", "pending", "held")


def add_to_undecided_improve_gates(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    gate_model = apps.get_model("gates", "Gate")
    criterion_model = apps.get_model("gates", "GateCriterion")
    gates = (
        gate_model.objects.filter(key="improve", status__in=UNDECIDED)
        .exclude(criteria__kind=KIND)
        .annotate(last=Max("criteria__order"))
    )
    added = [
        criterion_model(
            gate_id=gate.pk,
            order=(gate.last or 0) + 1,
            kind=KIND,
            text_en=TEXT_EN,
            text_zh_hans=TEXT_ZH_HANS,
        )
        for gate in gates
    ]
    criterion_model.objects.bulk_create(added)
    gate_model.objects.filter(pk__in=[c.gate_id for c in added]).update(version=F("version") + 1)


class Migration(migrations.Migration):

    dependencies = [
        ('gates', '0007_decision_records_vendor_approach_recycle'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='gatecriterion',
            name='gate_criterion_kind_valid',
        ),
        migrations.AlterField(
            model_name='gatecriterion',
            name='kind',
            field=models.CharField(choices=[('goal_set', "The rollout's goal is set, with a measurable target"), ('objectives_set', 'Every department has an objective'), ('seats_filled', 'All five selection seats are filled'), ('recommended', 'The selection team recommends a vendor'), ('staffing_fulfilled', "Every department's staffing fulfilled"), ('core_verified', "Core workstreams' tasks verified"), ('risks_reviewed', 'The risks were reviewed since the last gate'), ('backlogs_kept', "Every department's improvement backlog has no overdue item and one done"), ('manual', 'Confirmed by a named person')], max_length=30, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='historicalgatecriterion',
            name='kind',
            field=models.CharField(choices=[('goal_set', "The rollout's goal is set, with a measurable target"), ('objectives_set', 'Every department has an objective'), ('seats_filled', 'All five selection seats are filled'), ('recommended', 'The selection team recommends a vendor'), ('staffing_fulfilled', "Every department's staffing fulfilled"), ('core_verified', "Core workstreams' tasks verified"), ('risks_reviewed', 'The risks were reviewed since the last gate'), ('backlogs_kept', "Every department's improvement backlog has no overdue item and one done"), ('manual', 'Confirmed by a named person')], max_length=30, verbose_name='kind'),
        ),
        migrations.AddConstraint(
            model_name='gatecriterion',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['goal_set', 'objectives_set', 'seats_filled', 'recommended', 'staffing_fulfilled', 'core_verified', 'risks_reviewed', 'backlogs_kept', 'manual'])), name='gate_criterion_kind_valid'),
        ),
        migrations.RunPython(add_to_undecided_improve_gates, migrations.RunPython.noop),
    ]
