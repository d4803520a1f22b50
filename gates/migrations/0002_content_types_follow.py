"""The content types (and so the permissions) of the models that moved from rollout follow
them. The gates' Recommendation is now GateAdvice: its content type is renamed as it moves."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

# old model name (in rollout) -> new model name (in gates)
MOVED = {
    "conditionmet": "conditionmet",
    "decision": "decision",
    "decisionbrief": "decisionbrief",
    "decisioncondition": "decisioncondition",
    "decisionmailing": "decisionmailing",
    "gate": "gate",
    "gatecriterion": "gatecriterion",
    "historicalgate": "historicalgate",
    "historicalgatecriterion": "historicalgatecriterion",
    "recommendation": "gateadvice",
}


def _rename_permissions(apps: Apps, app_label: str, model: str, old: str, new: str) -> None:
    """A renamed model's default permissions (add_recommendation...) take its new name
    (add_gateadvice...), as Django would have created them under it."""
    if old == new:
        return
    permissions = apps.get_model("auth", "Permission")
    for permission in permissions.objects.filter(
        content_type__app_label=app_label,
        content_type__model=model,
        codename__endswith=f"_{old}",
    ):
        permission.codename = permission.codename.removesuffix(old) + new
        permission.save(update_fields=["codename"])


def follow(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    content_types = apps.get_model("contenttypes", "ContentType")
    taken = set(
        content_types.objects.filter(app_label="gates", model__in=MOVED.values()).values_list(
            "model", flat=True
        )
    )
    # A model whose new content type already exists keeps it; the old one is left for
    # remove_stale_contenttypes rather than merged here.
    for old, new in MOVED.items():
        if new not in taken:
            content_types.objects.filter(app_label="rollout", model=old).update(
                app_label="gates", model=new
            )
            _rename_permissions(apps, "gates", new, old, new)


def back(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    content_types = apps.get_model("contenttypes", "ContentType")
    for old, new in MOVED.items():
        content_types.objects.filter(app_label="gates", model=new).update(
            app_label="rollout", model=old
        )
        _rename_permissions(apps, "rollout", old, new, old)


class Migration(migrations.Migration):
    dependencies = [
        ("gates", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(follow, back)]
