"""The content types (and so the permissions) of the models that moved from roles follow them."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

MOVED = ["notification", "reminder"]


def follow(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    content_types = apps.get_model("contenttypes", "ContentType")
    taken = set(
        content_types.objects.filter(app_label="notifications", model__in=MOVED).values_list(
            "model", flat=True
        )
    )
    # A model whose new content type already exists keeps it; the old one is left for
    # remove_stale_contenttypes rather than merged here.
    content_types.objects.filter(app_label="roles", model__in=set(MOVED) - taken).update(
        app_label="notifications"
    )


def back(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label="notifications", model__in=MOVED).update(app_label="roles")


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(follow, back)]
