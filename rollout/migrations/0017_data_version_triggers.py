"""The triggers that change Rollout.data_version with every write to what a rollout's pages
show (rollout/data_version.py lists the tables), and a random version for every rollout
that exists. They read tables of the apps above rollout, so this migration runs after
those apps' migrations."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from rollout import data_version


# The tables this migration was written for (data_version.OWNED then): a table added later
# gets its triggers from its own migration.
TABLES = (
    "chat_chatchannel",
    "discussion_comment",
    "discussion_mention",
    "gates_decision_recycle_tasks",
    "goals_adoptionmeasure",
    "goals_adoptionvalue",
    "goals_goaltarget",
    "goals_realisedbenefit",
    "goals_targetactual",
    "risks_risk",
    "risks_riskreview",
    "roles_commitment",
    "roles_commitmentevent",
    "roles_qualityreview",
    "roles_roleassignment",
    "roles_staffinganswer",
    "roles_staffingrequest",
    "roles_stanceassessment",
    "rollout_conditionmet",
    "rollout_decision",
    "rollout_decisionbrief",
    "rollout_decisioncondition",
    "rollout_decisionmailing",
    "rollout_evidence",
    "rollout_gate",
    "rollout_gatecriterion",
    "rollout_objective",
    "rollout_recommendation",
    "rollout_rolloutgroupobjectpermission",
    "rollout_rolloutuserobjectpermission",
    "rollout_task",
    "rollout_task_assignees",
    "rollout_task_blocked_by",
    "rollout_tasklog",
    "rollout_taskreview",
    "rollout_workstream",
    "rollout_workstream_departments",
    "selection_costbenefit",
    "selection_criterion",
    "selection_criterionchange",
    "selection_departmentrate",
    "selection_departmentratechange",
    "selection_negotiationentry",
    "selection_recommendation",
    "selection_score",
    "selection_scorechange",
    "selection_submission",
    "selection_vendor",
    "selection_weighting",
    "sso_directorygroup",
    "staffing_counterofferreply",
    "webhooks_webhookendpoint",
    "work_handoff",
    "work_implementationapproach",
    "work_improvementitem",
    "work_objectivechange",
    "work_oldwayretirement",
    "work_taskchange",
    "work_workstreamchange",
)


def create(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    data_version.triggers_create(schema_editor, TABLES)
    # Every rollout's update trigger gives it a random version.
    schema_editor.execute(f"UPDATE {data_version.ROLLOUT_TABLE} SET data_version = 0")


def drop(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    data_version.triggers_drop(schema_editor, TABLES)


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
