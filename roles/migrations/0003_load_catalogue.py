from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from roles.catalogue import catalogue_load


def load(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    catalogue_load(apps.get_model("roles", "CatalogueEntry"))


class Migration(migrations.Migration):
    dependencies = [("roles", "0002_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
