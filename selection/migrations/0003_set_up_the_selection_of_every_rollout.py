"""Every rollout gets its selection (the default criteria and weights) now, as
rollout_create sets it up from here on: the selection pages only read it, and before,
opening one of them on a rollout wrote the weighting and the criteria (a GET that
wrote). A rollout that has its weighting already is left as it is."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from selection.criteria_template import CRITERIA


def set_up(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Rollout = apps.get_model("rollout", "Rollout")
    Weighting = apps.get_model("selection", "Weighting")
    Criterion = apps.get_model("selection", "Criterion")
    missing = list(Rollout.objects.filter(weighting__isnull=True).values_list("pk", flat=True))
    Weighting.objects.bulk_create(Weighting(rollout_id=pk) for pk in missing)
    # As selection_setup does: the template's criteria, unless the rollout has some.
    with_criteria = set(
        Criterion.objects.filter(rollout_id__in=missing).values_list("rollout_id", flat=True)
    )
    Criterion.objects.bulk_create(
        Criterion(rollout_id=pk, order=n, **criterion._asdict())
        for pk in missing
        if pk not in with_criteria
        for n, criterion in enumerate(CRITERIA)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("rollout", "0009_task_hours_logged"),
        ("selection", "0002_readable_rule_messages"),
    ]

    # Nothing to undo: the weights and criteria are what the rollout would have got from
    # its first selection page.
    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
