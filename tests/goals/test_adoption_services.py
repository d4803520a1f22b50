"""Adoption measures and their monthly values: who may define and record, the rules of a
month and a value, one value a department a month (corrected, never doubled, also in the
database), and the realised benefit's rules."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from goals.adoption import MeasureFigures, adoption_record, benefit_record, measure_create
from goals.models import AdoptionValue, RealisedBenefit
from goals.services import GoalError, GoalNotAllowed
from tests.goals.adoption_data import ACTIVE, COMPLETE, department, last_month, measure, this_month

pytestmark = pytest.mark.django_db


def figures(**changes) -> MeasureFigures:
    values: dict[str, Any] = {"name": "Calls logged", "unit": "calls", "kind": "other",
              "target": Decimal("100"), "higher_is_better": True}  # fmt: skip
    values.update(changes)
    return MeasureFigures(**values)


def test_it_lets_the_executive_define_a_measure(demo, crm):
    created = measure_create(by=demo["ceo"], rollout=crm, figures=figures())
    assert (created.name, created.kind, created.target) == ("Calls logged", "other", Decimal("100"))


def test_it_refuses_a_measure_from_a_manager(demo, crm):
    with pytest.raises(GoalNotAllowed):
        measure_create(by=demo["sales.manager"], rollout=crm, figures=figures())


@pytest.mark.parametrize(
    "changes",
    [{"name": "  "}, {"unit": ""}, {"kind": "guess"}, {"target": Decimal("1e13")},
     {"name": ACTIVE.upper()}],
)  # fmt: skip
def test_it_refuses_a_measure_with_bad_figures(demo, crm, changes):
    with pytest.raises(GoalError):
        measure_create(by=demo["ceo"], rollout=crm, figures=figures(**changes))


def test_a_manager_records_their_departments_month(demo, crm):
    row = adoption_record(
        by=demo["it.manager"], measure=measure(crm, COMPLETE), department=department("it"),
        month=last_month() + timedelta(days=9), value=Decimal("57"),
    )  # fmt: skip
    assert (row.month, row.value, row.recorded_by) == (
        last_month(),
        Decimal("57"),
        demo["it.manager"],
    )


def test_a_manager_may_not_record_another_departments_figures(demo, crm):
    with pytest.raises(GoalNotAllowed):
        adoption_record(
            by=demo["sales.manager"], measure=measure(crm), department=department("it"),
            month=last_month(), value=Decimal("50"),
        )  # fmt: skip


def test_the_executive_records_for_any_department(demo, crm):
    row = adoption_record(
        by=demo["ceo"], measure=measure(crm), department=department("finance"),
        month=this_month(), value=Decimal("93"),
    )  # fmt: skip
    assert row.department.code == "finance"


def test_a_department_without_a_manager_on_the_rollout_is_refused(demo, crm):
    with pytest.raises(GoalError, match="no manager on this rollout"):
        adoption_record(
            by=demo["ceo"], measure=measure(crm), department=department("legal"),
            month=last_month(), value=Decimal("5"),
        )  # fmt: skip


def test_recording_a_month_again_corrects_it(demo, crm):
    args: dict[str, Any] = {
        "measure": measure(crm),
        "department": department("sales"),
        "month": last_month(),
    }
    before = AdoptionValue.objects.count()
    adoption_record(by=demo["sales.manager"], value=Decimal("89"), **args)
    assert AdoptionValue.objects.count() == before
    assert AdoptionValue.objects.get(**args).value == Decimal("89")


@pytest.mark.parametrize("month", ["ahead", "ancient"])
def test_a_month_ahead_or_before_2000_is_refused(demo, crm, month):
    day = (this_month() + timedelta(days=40)) if month == "ahead" else date(1999, 12, 1)
    with pytest.raises(GoalError):
        adoption_record(
            by=demo["sales.manager"], measure=measure(crm), department=department("sales"),
            month=day, value=Decimal("1"),
        )  # fmt: skip


def test_the_database_keeps_one_value_a_department_a_month(demo, crm):
    kept = AdoptionValue.objects.filter(measure=measure(crm)).earliest("pk")
    with pytest.raises(IntegrityError), transaction.atomic():
        AdoptionValue.objects.create(
            measure=kept.measure, department=kept.department, month=kept.month,
            value=Decimal("1"), recorded_by=demo["ceo"],
        )  # fmt: skip


def test_the_database_holds_a_month_as_its_first_day(demo, crm):
    with pytest.raises(IntegrityError), transaction.atomic():
        AdoptionValue.objects.create(
            measure=measure(crm), department=department("sales"), month=date(2026, 3, 2),
            value=Decimal("1"), recorded_by=demo["ceo"],
        )  # fmt: skip


def test_the_finance_seat_records_the_realised_benefit(demo, crm):
    day = timezone.localdate()
    row = benefit_record(
        by=demo["sel.finance"], rollout=crm, yearly_amount=Decimal("420000"), as_of=day,
        note="  less re-keying  ",
    )  # fmt: skip
    assert (row.yearly_amount, row.note) == (Decimal("420000"), "less re-keying")


@pytest.mark.parametrize("who", ["sales.manager", "sel.it", "member1"])
def test_others_may_not_record_the_realised_benefit(demo, crm, who):
    with pytest.raises(GoalNotAllowed):
        benefit_record(by=demo[who], rollout=crm, yearly_amount=Decimal("1"),
                       as_of=timezone.localdate())  # fmt: skip


@pytest.mark.parametrize(
    ("amount", "days"), [(Decimal("-1"), 0), (Decimal("1"), 1), (Decimal("1e13"), 0)]
)
def test_a_bad_realised_benefit_is_refused(demo, crm, amount, days):
    with pytest.raises(GoalError):
        benefit_record(by=demo["ceo"], rollout=crm, yearly_amount=amount,
                       as_of=timezone.localdate() + timedelta(days=days))  # fmt: skip


def test_the_database_refuses_a_negative_realised_benefit(demo, crm):
    with pytest.raises(IntegrityError), transaction.atomic():
        RealisedBenefit.objects.create(
            rollout=crm, yearly_amount=Decimal("-5"), as_of=date(2026, 1, 5),
            recorded_by=demo["ceo"],
        )  # fmt: skip
