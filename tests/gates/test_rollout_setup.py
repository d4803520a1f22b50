"""A new rollout with its executive, gates and selection (gates.setup.rollout_create)."""

import pytest

from gates.setup import rollout_create
from roles.services import RoleError

pytestmark = pytest.mark.django_db


def test_only_an_administrator_creates_a_rollout(demo):
    with pytest.raises(RoleError, match="Only an administrator"):
        rollout_create(by=demo["ceo"], name="X", company="Y", goal="", executive=demo["ceo"])


def test_a_new_rollout_starts_with_its_executive(demo):
    rollout = rollout_create(
        by=demo["admin"], name="Next", company="Co", goal="Grow", executive=demo["member1"]
    )
    assert demo["member1"].has_perm("rollout.decide_gate", rollout)


def test_a_rollout_without_a_name_is_refused(demo):
    with pytest.raises(RoleError):
        rollout_create(by=demo["admin"], name="", company="Co", goal="", executive=demo["ceo"])
