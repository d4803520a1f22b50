"""work_loggedweek, the hours logged by member, rollout and week, kept by triggers on the
log table (work/logged_weeks.py) and filled in once from the logs that exist."""

import django.db.models.deletion
from django.apps.registry import Apps
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from work import logged_weeks


def create(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    logged_weeks.backfill(schema_editor)
    logged_weeks.triggers_create(schema_editor.connection)


def drop(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    logged_weeks.triggers_drop(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('rollout', '0017_data_version_triggers'),
        ('work', '0007_task_search_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='LoggedWeek',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('week', models.DateField(verbose_name='week')),
                ('hours', models.DecimalField(decimal_places=2, default=0, max_digits=9, verbose_name='hours')),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='member')),
                ('rollout', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='rollout.rollout', verbose_name='rollout')),
            ],
            options={
                'verbose_name': 'hours logged in a week',
                'verbose_name_plural': 'hours logged by week',
                'constraints': [models.UniqueConstraint(fields=('rollout', 'member', 'week'), name='logged_week_unique')],
            },
        ),
        migrations.RunPython(create, drop),
    ]
