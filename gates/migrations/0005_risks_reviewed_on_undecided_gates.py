"""The rollouts made before the risk register get its criterion on the gates still to be
decided (upcoming, waiting or on hold), last among their criteria, as a new rollout gets
it on every gate. A decided gate keeps the criteria it was decided on. A changed gate has
a new version, so a decision page opened before the migration asks to be reloaded."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import F, Max

KIND = "risks_reviewed"
TEXT_EN = "The risks were reviewed since the last gate"
TEXT_ZH_HANS = "自上一关口以来已评审风险"  # as gates/gate_template.py's RISKS_REVIEWED
UNDECIDED = ("upcoming", "pending", "held")


def add_to_undecided_gates(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    gate_model = apps.get_model("gates", "Gate")
    criterion_model = apps.get_model("gates", "GateCriterion")
    gates = (
        gate_model.objects.filter(status__in=UNDECIDED)
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
    dependencies = [("gates", "0004_risks_reviewed_criterion")]

    operations = [migrations.RunPython(add_to_undecided_gates, migrations.RunPython.noop)]
