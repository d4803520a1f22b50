"""A middle manager sees the signals their stance is judged by, and the executive's latest
assessment of them with its reason; nobody else's."""

import pytest
from django.urls import reverse

from staffing import services as staffing
from staffing.models import StaffingRequest, StanceAssessment
from tests.query_counts import get_page
from tests.staffing.staffing_data import new_request

pytestmark = pytest.mark.django_db


def url(crm):
    return reverse("staffing:stance_mine", args=[crm.pk])


def assess(demo, crm, manager, stance, reason):
    return staffing.stance_assess(
        by=demo["ceo"], rollout=crm, manager=demo[manager], stance=stance, reason=reason
    )


def test_a_manager_reads_the_latest_assessment_of_them_with_its_reason(client, demo, crm):
    assess(demo, crm, "sales.manager", "friction", "Answers late and commits half.")
    assess(demo, crm, "sales.manager", "driving", "Committed two people the same week.")
    client.force_login(demo["sales.manager"])
    page = client.get(url(crm)).content.decode()
    current = page.split('id="my-assessment"', 1)[1].split("<details", 1)[0]
    assert "Committed two people the same week." in current
    assert "Answers late" in page.split("<details", 1)[1]  # the earlier one, under Earlier


def test_another_managers_assessment_is_never_shown(client, demo, crm):
    assess(demo, crm, "it.manager", "resistance", "Keeps the IT staff away.")
    client.force_login(demo["sales.manager"])
    page = client.get(url(crm)).content.decode()
    assert "Keeps the IT staff away." not in page and 'data-department="it"' not in page


def test_the_signals_are_the_executives_figures_for_their_department(client, demo, crm):
    new_request(demo, crm)  # one more request to sales, waiting
    client.force_login(demo["sales.manager"])
    page = client.get(url(crm)).content.decode()
    sales = demo["sales.manager"].department
    requests = StaffingRequest.objects.filter(rollout=crm, department=sales)
    waiting = requests.filter(answered_at__isnull=True).count()
    signals = page.split('id="my-signals"', 1)[1].split("</dl>", 1)[0]
    assert f"{requests.count()} ({waiting})" in signals


def test_the_counter_offers_and_declines_are_counted(client, demo, crm):
    from decimal import Decimal

    from staffing.models import StaffingAnswer

    sales = demo["sales.manager"].department
    before = {
        kind: StaffingAnswer.objects.filter(
            request__rollout=crm, request__department=sales, kind=kind
        ).count()
        for kind in ("counter", "decline")
    }
    staffing.staffing_answer(
        by=demo["sales.manager"], request=new_request(demo, crm), people=[], reason="Month end."
    )
    staffing.staffing_answer(
        by=demo["sales.manager"], request=new_request(demo, crm, hours="8", weeks_ahead=30),
        people=[(demo["member2"], Decimal("2"))], reason="Two hours is what we can spare.",
    )  # fmt: skip
    client.force_login(demo["sales.manager"])
    page = client.get(url(crm)).content.decode()
    shown = page.split('class="col-sm-6 answered-as">', 1)[1].split("</dd>", 1)[0]
    assert shown == f"{before['counter'] + 1} / {before['decline'] + 1}"


def test_someone_who_manages_no_department_is_refused(client, demo, crm):
    for who in ("member1", "ceo", "sel.it"):
        client.force_login(demo[who])
        assert client.get(url(crm)).status_code == 403, who


def test_the_plan_links_a_manager_to_their_stance(client, demo, crm):
    client.force_login(demo["sales.manager"])
    page = client.get(reverse("staffing:staffing", args=[crm.pk])).content.decode()
    assert f'href="{url(crm)}"' in page


# Session, user, rollout, the managed departments (access), the departments, the
# fulfilment's reads, the assessments, the requests, the answers, the pulled-back events;
# the base page's own (the bell, My work's count, the rollout's tabs).
OWN_STANCE_PAGE_QUERIES = 16


@pytest.mark.parametrize("count", [10, 200])
def test_the_own_stance_page_runs_a_fixed_number_of_queries(client, demo, crm, count):
    for n in range(count // 10):
        new_request(demo, crm, weeks_ahead=n + 1)
    StanceAssessment.objects.bulk_create(
        StanceAssessment(rollout=crm, manager=demo["sales.manager"], stance="driving",
                         reason=f"Reason {n}", assessed_by=demo["ceo"])
        for n in range(count)
    )  # fmt: skip
    client.force_login(demo["sales.manager"])
    get_page(client, url(crm), OWN_STANCE_PAGE_QUERIES)
