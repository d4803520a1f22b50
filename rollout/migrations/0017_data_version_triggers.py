"""The triggers that change Rollout.data_version with every write to what a rollout's pages
show (rollout/data_version.py lists the tables), and a random version for every rollout
that exists. They read tables of the apps above rollout, so this migration runs after
those apps' migrations."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from rollout import data_version


def create(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    data_version.triggers_create(schema_editor)
    # Every rollout's update trigger gives it a random version.
    schema_editor.execute(f"UPDATE {data_version.ROLLOUT_TABLE} SET data_version = 0")


def drop(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    data_version.triggers_drop(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("rollout", "0016_rollout_data_version"),
        ("chat", "0001_initial"),
        ("discussion", "0001_initial"),
        ("gates", "0010_decision_mail_failures_kept"),
        ("goals", "0002_adoption_measures_and_realised_benefit"),
        ("risks", "0001_risk_register"),
        ("roles", "0014_department_working_calendar"),
        ("selection", "0006_criterion_weight_rate_history"),
        ("sso", "0003_directory_identity_and_member_roles_only"),
        ("staffing", "0003_counter_offer_replies"),
        ("webhooks", "0001_initial"),
        ("work", "0007_task_search_indexes"),
    ]

    operations = [migrations.RunPython(create, drop)]
