"""The what-if scenario on the cost-benefit page: taken from the address (GET), shown
beside the base case, refused input said back."""

from decimal import Decimal

import pytest
from django.urls import reverse

from selection import selectors
from selection.models import Vendor
from selection.money import Scenario
from tests.query_counts import get_page

pytestmark = pytest.mark.django_db


def page(client, crm, query=""):
    return client.get(reverse("selection:cost_benefit", args=[crm.pk]) + query)


def test_a_scenario_in_the_address_is_shown_beside_the_base_case(client, demo, crm):
    client.force_login(demo["sel.it"])
    body = page(client, crm, "?delay=6&implementation=20&benefit=-10").content.decode()
    row = selectors.cost_benefit_rows(
        rollout=crm,
        scenario=Scenario(6, Decimal("20"), Decimal("-10")),
    )[0]
    assert row.scenario is not None and 'id="scenario"' in body
    # Money with thousands separators: 1,234,567.89.
    assert f'<td class="scenario-tco">{row.scenario.tco:,.2f}</td>' in body
    assert 'value="6"' in body  # the form shows the scenario it computed


def test_without_a_scenario_only_the_base_case_is_shown(client, demo, crm):
    client.force_login(demo["sel.it"])
    assert 'id="scenario"' not in page(client, crm).content.decode()


def test_a_delay_costs_more_and_is_worth_less_than_the_base(demo, crm):
    rows = selectors.cost_benefit_rows(rollout=crm, scenario=Scenario(delay_months=6))
    moved = [r.scenario for r in rows]
    assert all(m and m.tco > r.tco and m.npv < r.npv for m, r in zip(moved, rows, strict=True))


def test_a_delay_out_of_range_is_refused_and_the_base_case_stays(client, demo, crm):
    client.force_login(demo["sel.it"])
    body = page(client, crm, "?delay=99&implementation=0&benefit=0").content.decode()
    assert "less than or equal to 36" in body and 'id="scenario"' not in body


# Session, user, rollout, the seats, the vendors with their figures, the final offers, the
# rates, the commitments; the base page's own (the bell, My work's count, the rollout's
# tabs). The scenario adds none: it is arithmetic on the same rows.
COST_BENEFIT_PAGE_QUERIES = 11


@pytest.mark.parametrize("count", [10, 200])
def test_the_scenario_page_runs_a_fixed_number_of_queries(client, demo, crm, count):
    Vendor.objects.bulk_create(
        Vendor(rollout=crm, name=f"Extra {n}", price_per_user_year=Decimal("900"),
               implementation_fee=Decimal("100000"))
        for n in range(count)
    )  # fmt: skip
    client.force_login(demo["sel.finance"])
    url = reverse("selection:cost_benefit", args=[crm.pk]) + "?delay=3&implementation=10&benefit=0"
    get_page(client, url, COST_BENEFIT_PAGE_QUERIES)
