"""Every field with choices has a CheckConstraint that allows exactly those choices, and
the database refuses any other value. The constraints take their values from the choice
classes, so a value added to a class changes the model's constraint; the database follows
only through a migration, which the last test asks for."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.state import ProjectState
from django.utils import timezone
from simple_history.models import HistoricalChanges

from notifications.models import Reminder
from rollout.models import Rollout
from tests.factories import RolloutFactory, UserFactory


def project_app_labels() -> list[str]:
    """The apps in the project's own top-level folders, not those installed as packages."""
    return [
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR)
    ]


def choice_fields() -> list[tuple[type[models.Model], models.Field[Any, Any]]]:
    found = []
    for label in project_app_labels():
        for model in apps.get_app_config(label).get_models():
            # A history row keeps the value a field had when it was written, so history
            # tables carry no constraints on purpose.
            if issubclass(model, HistoricalChanges) or model._meta.proxy:
                continue
            found += [
                (model, field) for field in model._meta.local_concrete_fields if field.choices
            ]
    return found


CHOICE_FIELDS = choice_fields()


def allowed_by_constraints(model: type[models.Model], field: models.Field[Any, Any]) -> list[Any]:
    """The value lists of the model's CheckConstraints of the shape Q(<field>__in=[...])."""
    lists = []
    for constraint in model._meta.constraints:
        if not isinstance(constraint, models.CheckConstraint):
            continue
        condition = constraint.condition
        if (
            isinstance(condition, models.Q)
            and not condition.negated
            and len(condition.children) == 1
            and isinstance(condition.children[0], tuple)
            and condition.children[0][0] == f"{field.name}__in"
        ):
            lists.append(list(condition.children[0][1]))
    return lists


def test_it_walks_the_choice_fields_of_every_project_app() -> None:
    walked = {f"{model._meta.label}.{field.name}" for model, field in CHOICE_FIELDS}
    assert {
        "rollout.Rollout.status",
        "roles.User.email_digest",
        "selection.Vendor.revenue_band",
    } <= walked
    assert not any(".Historical" in name for name in walked)


@pytest.mark.parametrize(
    ("model", "field"),
    CHOICE_FIELDS,
    ids=[f"{model._meta.label}.{field.name}" for model, field in CHOICE_FIELDS],
)
def test_it_has_one_constraint_allowing_exactly_the_choices(
    model: type[models.Model], field: models.Field[Any, Any]
) -> None:
    expected = [value for value, _label in field.flatchoices]
    if field.blank and field.empty_strings_allowed:
        expected.append("")  # what a blank form field stores
    assert [sorted(values) for values in allowed_by_constraints(model, field)] == [sorted(expected)]


def a_rollout(status: str) -> Rollout:
    return RolloutFactory.create(status=status)


def a_reminder(kind: str) -> Reminder:
    return Reminder.objects.create(
        key=f"test:{kind}",
        kind=kind,
        recipient=UserFactory.create(),
        rollout=RolloutFactory.create(),
        url="/",
        due_at=timezone.now(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("create", "valid", "constraint"),
    [
        (a_rollout, Rollout.Status.ACTIVE, "rollout_status_valid"),
        (a_reminder, Reminder.Kind.TASK_DUE, "reminder_kind_valid"),
    ],
    ids=["rollout status", "reminder kind"],
)
def test_it_refuses_a_value_outside_the_choices_in_the_database(
    create: Callable[[str], models.Model], valid: str, constraint: str
) -> None:
    assert create(valid).pk
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        create("not_a_choice")


def test_it_has_the_migrations_that_bring_the_constraints_to_the_database() -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    changes = MigrationAutodetector(loader.project_state(), ProjectState.from_apps(apps)).changes(
        graph=loader.graph
    )
    missing = {
        label: [operation.describe() for m in migrations for operation in m.operations]
        for label, migrations in changes.items()
        if label in project_app_labels()
    }
    assert missing == {}, "run manage.py makemigrations"
