"""The After go-live page and the benefits realisation page: what each person sees and may
do, a refused form keeps what was typed, Chinese, and a fixed number of queries at 10 and
200 rows."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from goals.models import AdoptionMeasure, AdoptionValue, RealisedBenefit
from roles.models import Department
from tests.goals.adoption_data import COMPLETE, department, last_month, measure
from tests.query_counts import get_page

pytestmark = pytest.mark.django_db


def page_url(rollout) -> str:
    return reverse("goals:adoption", args=[rollout.pk])


def benefits_url(rollout) -> str:
    return reverse("gates:benefits", args=[rollout.pk])


def text_of(client, person, url, **headers) -> str:
    client.force_login(person)
    response = client.get(url, **headers)
    assert response.status_code == 200
    return str(response.content.decode())


def test_every_person_of_the_rollout_reads_the_table(client, demo, crm):
    text = text_of(client, demo["member1"], page_url(crm))
    assert COMPLETE in text and 'data-department="it"' in text
    assert 'id="adoption-value-form"' not in text and 'id="measure-form"' not in text


def test_a_manager_records_only_for_their_department(client, demo, crm):
    text = text_of(client, demo["it.manager"], page_url(crm))
    assert 'id="adoption-value-form"' in text and 'id="measure-form"' not in text
    choices = text.split('name="department"')[1].split("</select>")[0]
    assert f'value="{department("it").pk}"' in choices
    assert f'value="{department("sales").pk}"' not in choices


def test_the_executive_gets_both_forms(client, demo, crm):
    text = text_of(client, demo["ceo"], page_url(crm))
    assert 'id="adoption-value-form"' in text and 'id="measure-form"' in text


def test_a_recorded_month_shows_in_the_table_and_the_history(client, demo, crm):
    client.force_login(demo["it.manager"])
    response = client.post(
        reverse("goals:adoption_value_new", args=[crm.pk]),
        {"measure": measure(crm, COMPLETE).pk, "department": department("it").pk,
         "month": f"{last_month():%Y-%m}", "value": "57.5"},
    )  # fmt: skip
    assert response.status_code == 302
    text = text_of(client, demo["it.manager"], page_url(crm))
    assert "57.5" in text and "Zhang Wei" in text.split('id="adoption-history"')[1]


def test_a_refused_value_keeps_what_was_typed(client, demo, crm):
    client.force_login(demo["it.manager"])
    ahead = timezone.localdate().replace(day=1) + timedelta(days=40)
    response = client.post(
        reverse("goals:adoption_value_new", args=[crm.pk]),
        {"measure": measure(crm, COMPLETE).pk, "department": department("it").pk,
         "month": f"{ahead:%Y-%m}", "value": "41.25"},
    )  # fmt: skip
    assert response.status_code == 400
    assert 'value="41.25"' in response.content.decode()


def test_a_manager_posting_another_department_is_refused(client, demo, crm):
    client.force_login(demo["sales.manager"])
    response = client.post(
        reverse("goals:adoption_value_new", args=[crm.pk]),
        {"measure": measure(crm).pk, "department": department("it").pk,
         "month": f"{last_month():%Y-%m}", "value": "3"},
    )  # fmt: skip
    assert response.status_code == 400  # not one of the department choices they are given


def test_the_executive_defines_a_measure(client, demo, crm):
    client.force_login(demo["ceo"])
    response = client.post(
        reverse("goals:measure_new", args=[crm.pk]),
        {"name": "Quotes from the CRM", "unit": "%", "kind": "in_crm", "target": "80",
         "higher_is_better": "1"},
    )  # fmt: skip
    assert response.status_code == 302
    assert AdoptionMeasure.objects.get(rollout=crm, name="Quotes from the CRM").higher_is_better


def test_the_page_is_in_chinese_for_a_chinese_reader(client, demo, crm):
    text = text_of(client, demo["ceo"], page_url(crm), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "使用情况指标" in text and "上线之后" in text


def test_the_benefits_page_compares_expected_and_realised(client, demo, crm):
    text = text_of(client, demo["member1"], benefits_url(crm))
    assert "¥900,000" in text and "¥310,000" in text and "¥590,000 short" in text
    assert 'id="benefit-form"' not in text


def test_the_finance_seat_records_the_realised_benefit_on_the_page(client, demo, crm):
    client.force_login(demo["sel.finance"])
    response = client.post(
        reverse("gates:benefit_record", args=[crm.pk]),
        {"yearly_amount": "950000", "as_of": f"{timezone.localdate():%Y-%m-%d}", "note": ""},
    )
    assert response.status_code == 302
    assert "¥50,000 ahead" in text_of(client, demo["sel.finance"], benefits_url(crm))


def test_the_benefits_page_is_in_chinese(client, demo, crm):
    text = text_of(client, demo["ceo"], benefits_url(crm), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "收益实现" in text and "预期" in text


def many_measures(demo, crm, count):
    measures = AdoptionMeasure.objects.bulk_create(
        AdoptionMeasure(rollout=crm, name=f"Measure {n}", unit="%", kind="other",
                        target=Decimal(90))
        for n in range(count)
    )  # fmt: skip
    departments = list(Department.objects.filter(code__in=["sales", "it", "finance"]))
    AdoptionValue.objects.bulk_create(
        AdoptionValue(measure=m, department=d, month=last_month(), value=Decimal(50),
                      recorded_by=demo["ceo"])
        for m in measures for d in departments
    )  # fmt: skip


# The session and its user, the rollout and the person's permissions on it, the managed
# departments, the departments of the rollout, the measures and their values, the
# history's reads (measures, values), the unread notifications and My work's count in the
# navigation bar, and the value form's choices.
ADOPTION_PAGE_QUERIES = 14


@pytest.mark.parametrize("count", [10, 200])
def test_the_page_costs_the_same_queries_for_10_or_200_measures(client, demo, crm, count):
    many_measures(demo, crm, count)
    client.force_login(demo["ceo"])
    get_page(client, page_url(crm), ADOPTION_PAGE_QUERIES)


# The session and its user, the rollout and permissions, the seats held, the selection
# gate's decision, the recommendation, its vendor, the cost-benefit, the realised
# benefits, the targets and their actuals, notifications and My work's count.
BENEFITS_PAGE_QUERIES = 14


@pytest.mark.parametrize("count", [10, 200])
def test_the_benefits_page_costs_the_same_queries_for_10_or_200_estimates(client, demo, crm, count):
    first = date(2020, 1, 1)
    RealisedBenefit.objects.bulk_create(
        RealisedBenefit(rollout=crm, yearly_amount=Decimal(n), as_of=first + timedelta(days=n),
                        recorded_by=demo["sel.finance"])
        for n in range(count)
    )  # fmt: skip
    client.force_login(demo["ceo"])
    get_page(client, benefits_url(crm), BENEFITS_PAGE_QUERIES)
