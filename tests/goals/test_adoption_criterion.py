"""The Improve gate's "adoption recorded" criterion: met only when every department with a
manager recorded every adoption measure for last month; its evidence names who has not."""

from decimal import Decimal

import pytest
from django.utils import translation

from gates.gate_template import PHASES
from gates.models import Gate, GateCriterion
from gates.selectors.evidence_pack import evidence_pack
from goals.adoption import adoption_record
from goals.models import AdoptionMeasure, AdoptionValue
from tests.goals.adoption_data import COMPLETE, department, last_month, measure

pytestmark = pytest.mark.django_db


def adoption_state(rollout):
    gate = Gate.objects.get(rollout=rollout, key="improve")
    pack = evidence_pack(gate=gate)
    return next(s for s in pack.criteria if s.criterion.kind == "adoption_recorded")


def test_the_improve_phase_asks_for_it():
    improve = next(phase for phase in PHASES if phase.key == "improve")
    assert "adoption_recorded" in [c.kind for c in improve.criteria]


def test_the_demo_waits_on_it_and_names_it(crm):
    state = adoption_state(crm)
    assert (state.met, state.detail) == (False, f"{last_month():%Y-%m}: not recorded by IT")


def test_it_turns_met_once_the_lagging_department_records(demo, crm):
    adoption_record(
        by=demo["it.manager"], measure=measure(crm, COMPLETE), department=department("it"),
        month=last_month(), value=Decimal("58"),
    )  # fmt: skip
    assert adoption_state(crm).met


def test_a_missing_value_of_another_department_is_not_met(demo, crm):
    adoption_record(
        by=demo["it.manager"], measure=measure(crm, COMPLETE), department=department("it"),
        month=last_month(), value=Decimal("58"),
    )  # fmt: skip
    AdoptionValue.objects.filter(department__code="sales", month=last_month()).earliest(
        "pk"
    ).delete()
    state = adoption_state(crm)
    assert (state.met, state.detail.endswith("Sales")) == (False, True)


def test_no_measure_is_not_met(crm):
    AdoptionMeasure.objects.filter(rollout=crm).delete()
    state = adoption_state(crm)
    assert (state.met, state.detail) == (False, "no adoption measure defined yet")


def test_the_evidence_says_it_in_chinese(crm):
    AdoptionMeasure.objects.filter(rollout=crm).delete()
    with translation.override("zh-hans"):
        assert "尚未定义使用情况指标" in adoption_state(crm).detail


def test_the_criterion_is_on_the_demo_improve_gate_in_both_languages(crm):
    criterion = GateCriterion.objects.get(gate__rollout=crm, kind="adoption_recorded")
    assert (criterion.gate.key, criterion.text_zh_hans) == (
        "improve",
        "每个部门都已录入上月的使用情况指标",
    )
