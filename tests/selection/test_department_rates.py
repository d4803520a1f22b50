"""The finance seat's department hourly rates: set on their page, validated, kept in the
history, and used by the cost-benefit as the internal staff cost."""

from decimal import Decimal

import pytest
from django.urls import reverse

from roles.models import Department, Role, RoleAssignment
from selection import selectors, services
from selection.models import DepartmentRate, DepartmentRateChange
from selection.services import SelectionError, SelectionNotAllowed
from tests.factories import DepartmentFactory, UserFactory
from tests.query_counts import get_page

pytestmark = pytest.mark.django_db


def sales(demo) -> Department:
    return Department.objects.get(code="sales")


def post_rate(client, crm, department, rate):
    return client.post(
        reverse("selection:department_rates", args=[crm.pk]),
        {"department": department.pk, "hourly_rate": rate},
    )


def test_the_finance_seat_sets_a_rate_and_the_history_keeps_the_old_one(client, demo, crm):
    client.force_login(demo["sel.finance"])
    old = DepartmentRate.objects.get(rollout=crm, department=sales(demo)).hourly_rate
    assert post_rate(client, crm, sales(demo), "185.50").status_code == 302
    assert DepartmentRate.objects.get(rollout=crm, department=sales(demo)).hourly_rate == Decimal(
        "185.50"
    )
    change = DepartmentRateChange.objects.filter(rollout=crm, department=sales(demo)).latest("pk")
    assert (change.rate_before, change.rate_after) == (old, Decimal("185.50"))


def test_the_same_rate_again_adds_nothing_to_the_history(demo, crm):
    count = DepartmentRateChange.objects.count()
    rate = DepartmentRate.objects.get(rollout=crm, department=sales(demo)).hourly_rate
    services.rate_set(
        by=demo["sel.finance"], rollout=crm, department_id=sales(demo).pk, hourly_rate=rate
    )
    assert DepartmentRateChange.objects.count() == count


@pytest.mark.parametrize(
    ("typed", "message"),
    [("-1", "greater than or equal to 0"), ("10000.01", "less than or equal to 10000")],
)
def test_a_rate_out_of_range_is_refused_keeping_what_was_typed(client, demo, crm, typed, message):
    client.force_login(demo["sel.finance"])
    response = post_rate(client, crm, sales(demo), typed)
    row = response.content.decode().split(f'data-department="{sales(demo).code}"', 1)[1]
    assert response.status_code == 400
    assert f'value="{typed}"' in row.split("</tr>", 1)[0] and message in row


def test_the_database_refuses_a_rate_over_the_maximum(demo, crm):
    with pytest.raises(SelectionError, match="at most ¥10,000"):
        services.rate_set(
            by=demo["sel.finance"], rollout=crm, department_id=sales(demo).pk,
            hourly_rate=Decimal("10001"),
        )  # fmt: skip


def test_a_department_outside_the_rollout_is_refused(demo, crm):
    outside = DepartmentFactory.create(code="legal-x")
    with pytest.raises(SelectionError, match="no part in this rollout"):
        services.rate_set(
            by=demo["sel.finance"], rollout=crm, department_id=outside.pk, hourly_rate=Decimal("1")
        )


def test_another_seat_may_not_set_a_rate(demo, crm):
    with pytest.raises(SelectionNotAllowed, match="Only the finance seat"):
        services.rate_set(
            by=demo["sel.it"], rollout=crm, department_id=sales(demo).pk, hourly_rate=Decimal("1")
        )


def test_an_administrator_may_correct_a_rate(demo, crm):
    row = services.rate_set(
        by=demo["admin"], rollout=crm, department_id=sales(demo).pk, hourly_rate=Decimal("99")
    )
    assert row.hourly_rate == Decimal("99")


def test_the_cost_benefit_counts_the_new_rate_as_internal_staff_cost(demo, crm):
    before = {r.vendor.pk: r for r in selectors.cost_benefit_rows(rollout=crm)}
    services.rate_set(
        by=demo["sel.finance"],
        rollout=crm,
        department_id=sales(demo).pk,
        hourly_rate=Decimal("240"),
    )
    after = {r.vendor.pk: r for r in selectors.cost_benefit_rows(rollout=crm)}
    rises = {v: after[v].internal - before[v].internal for v in before}
    assert all(rise > 0 for rise in rises.values())
    assert all(after[v].upfront - before[v].upfront == rises[v] for v in before)


def test_a_reader_sees_the_rates_without_a_form(client, demo, crm):
    client.force_login(demo["sel.it"])
    page = client.get(reverse("selection:department_rates", args=[crm.pk])).content.decode()
    assert 'id="rates"' in page and 'name="hourly_rate"' not in page


def test_the_finance_seat_gets_one_form_a_department(client, demo, crm):
    client.force_login(demo["sel.finance"])
    page = client.get(reverse("selection:department_rates", args=[crm.pk])).content.decode()
    departments = selectors.department_rates(rollout=crm)
    assert page.count('name="hourly_rate"') == len(departments) == 3


# Session, user, rollout, the seats (the editor check), the rates, the departments, the
# history; the base page's own (the bell, My work's count, the rollout's tabs).
RATES_PAGE_QUERIES = 10


@pytest.mark.parametrize("count", [10, 200])
def test_the_rates_page_runs_a_fixed_number_of_queries(client, demo, crm, count):
    departments = Department.objects.bulk_create(
        Department(code=f"d{n}", name_en=f"Dept {n}", name_zh_hans=f"部门{n}") for n in range(count)
    )
    managers = [UserFactory.create(department=d) for d in departments]
    RoleAssignment.objects.bulk_create(
        RoleAssignment(rollout=crm, person=m, role=Role.MANAGER, department=m.department,
                       assigned_by=demo["ceo"])
        for m in managers
    )  # fmt: skip
    DepartmentRateChange.objects.bulk_create(
        DepartmentRateChange(rollout=crm, department=d, rate_after=Decimal("50"),
                             changed_by=demo["sel.finance"])
        for d in departments
    )  # fmt: skip
    client.force_login(demo["sel.finance"])
    get_page(client, reverse("selection:department_rates", args=[crm.pk]), RATES_PAGE_QUERIES)
