"""The first gate's "goal set" criterion: met only when the goal is written and has at least
one measurable target; its evidence says which is missing."""

import pytest
from django.utils import translation

from gates.models import Gate, GateCriterion
from gates.selectors.evidence_pack import evidence_pack
from goals.models import GoalTarget
from rollout.models import Rollout

pytestmark = pytest.mark.django_db


def goal_state(rollout):
    gate = Gate.objects.get(rollout=rollout, key="adopt")
    pack = evidence_pack(gate=gate)
    return next(s for s in pack.criteria if s.criterion.kind == GateCriterion.Kind.GOAL_SET)


def test_a_written_goal_with_targets_is_met(crm):
    state = goal_state(crm)
    assert state.met
    assert state.detail.endswith("3 targets")


def test_a_written_goal_without_a_target_is_not_met(crm):
    GoalTarget.objects.filter(rollout=crm).delete()
    state = goal_state(crm)
    assert not state.met
    assert "no measurable target yet" in state.detail


def test_targets_without_written_words_are_not_met(crm):
    Rollout.objects.filter(pk=crm.pk).update(goal="   ")
    crm.refresh_from_db()
    assert not goal_state(crm).met


def test_the_evidence_says_it_in_chinese(crm):
    GoalTarget.objects.filter(rollout=crm).delete()
    with translation.override("zh-hans"):
        assert "尚无可衡量的指标" in goal_state(crm).detail


def test_the_criterion_says_a_target_is_needed(crm):
    criterion = GateCriterion.objects.get(gate__rollout=crm, kind="goal_set")
    assert "measurable target" in criterion.text_en
