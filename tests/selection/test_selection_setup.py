"""A rollout's selection (the default criteria and weights) is set up when the rollout is
created, and by a data migration for the rollouts before: the selection pages only read."""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from gates.setup import rollout_create
from selection.criteria_template import CRITERIA
from selection.models import Criterion, Weighting
from tests.database_writes import nothing_written
from tests.factories import RolloutFactory

pytestmark = pytest.mark.django_db

MIGRATION = import_module("selection.migrations.0003_set_up_the_selection_of_every_rollout")


def test_a_new_rollout_has_its_selection_set_up(demo):
    rollout = rollout_create(
        by=demo["admin"], name="Next", company="Co", goal="Grow", executive=demo["ceo"]
    )
    assert Weighting.objects.filter(rollout=rollout, locked_at__isnull=True).exists()
    assert Criterion.objects.filter(rollout=rollout).count() == len(CRITERIA)


def test_the_data_migration_sets_up_the_rollouts_made_before(demo, crm):
    before = RolloutFactory.create()  # made as rollouts were before: nothing set up
    crm_criteria = set(Criterion.objects.filter(rollout=crm).values_list("pk", flat=True))
    crm_weighting = Weighting.objects.get(rollout=crm)
    MIGRATION.set_up(apps, None)
    assert Weighting.objects.filter(rollout=before).exists()
    assert Criterion.objects.filter(rollout=before).count() == len(CRITERIA)
    # A rollout set up already keeps its own (the CRM's weights are locked and scored).
    assert set(Criterion.objects.filter(rollout=crm).values_list("pk", flat=True)) == crm_criteria
    assert Weighting.objects.get(rollout=crm).locked_at == crm_weighting.locked_at


@pytest.mark.parametrize(
    ("page", "status"),
    [
        ("selection:selection", 200),
        ("selection:scorecard", 403),
        ("selection:selection_results", 403),
    ],
)
def test_a_rollout_made_without_its_selection_is_shown_and_nothing_written(
    client, demo, page, status
):
    """No rollout of the app lacks its selection now; one made by a test's factory still
    opens (the administrator holds no seat, and nobody has submitted), with the default
    weights shown, unsaved."""
    rollout = RolloutFactory.create()
    client.force_login(demo["admin"])
    with nothing_written(f"GET {page}"):
        response = client.get(reverse(page, args=[rollout.pk]))
    assert response.status_code == status
    assert not Weighting.objects.filter(rollout=rollout).exists()
    if page == "selection:selection":
        assert "Price 20 %" in response.content.decode()
