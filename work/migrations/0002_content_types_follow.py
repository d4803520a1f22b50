"""The content types (and so the permissions) of the models that moved from rollout and roles
follow them."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

MOVED = {
    "rollout": [
        "evidence",
        "historicaltask",
        "objective",
        "task",
        "tasklog",
        "taskreview",
        "workstream",
    ],
    "roles": ["qualityreview"],
}


def follow(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    content_types = apps.get_model("contenttypes", "ContentType")
    moved = [model for models in MOVED.values() for model in models]
    taken = set(
        content_types.objects.filter(app_label="work", model__in=moved).values_list(
            "model", flat=True
        )
    )
    # A model whose new content type already exists keeps it; the old one is left for
    # remove_stale_contenttypes rather than merged here.
    for app_label, models in MOVED.items():
        content_types.objects.filter(app_label=app_label, model__in=set(models) - taken).update(
            app_label="work"
        )


def back(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    content_types = apps.get_model("contenttypes", "ContentType")
    for app_label, models in MOVED.items():
        content_types.objects.filter(app_label="work", model__in=models).update(
            app_label=app_label
        )


class Migration(migrations.Migration):
    dependencies = [
        ("work", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(follow, back)]
