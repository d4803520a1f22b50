"""The Backlog page and its forms: what each person sees, the filters in the URL, the
manager's own department first, overdue marked, a refused form keeping what was typed, and
fixed query counts at 10 and 200 items."""

import pytest
from django.urls import reverse

from tests.query_counts import get_page
from tests.work.backlog_data import add_items, department
from work.improvements import ImprovementItem

pytestmark = pytest.mark.django_db

# The session, its user, the rollout and its access check, the departments with a manager,
# the items with their departments and owners, the person's permissions and managed
# departments (the filter's choices are the departments already read).
BACKLOG_PAGE_QUERIES = 9


def backlog_url(rollout, query: str = "") -> str:
    return reverse("work:backlog", args=[rollout.pk]) + query


def test_a_member_reads_every_backlog_without_the_forms(client, demo, crm):
    client.force_login(demo["member1"])
    text = client.get(backlog_url(crm)).content.decode()
    assert "Merge duplicate customer accounts" in text  # Finance's
    assert reverse("work:improvement_new", args=[crm.pk]) not in text


def test_a_manager_sees_their_own_department_first(client, demo, crm):
    client.force_login(demo["finance.manager"])
    text = client.get(backlog_url(crm)).content.decode()
    assert text.index('id="backlog-finance"') < text.index('id="backlog-it"')
    assert text.index('id="backlog-it"') < text.index('id="backlog-sales"')


def test_the_overdue_item_is_marked(client, demo, crm):
    client.force_login(demo["ceo"])
    text = client.get(backlog_url(crm)).content.decode()
    finance = text[text.index('id="backlog-finance"') : text.index('id="backlog-it"')]
    assert "1 overdue" in finance
    assert 'text-bg-danger">Overdue' in finance


def test_the_filters_in_the_url_narrow_the_page(client, demo, crm):
    client.force_login(demo["ceo"])
    query = f"?department={department('it').pk}&status=done"
    text = client.get(backlog_url(crm, query)).content.decode()
    assert "Check the nightly ERP invoice import" in text
    assert "Close write access to the old customer database" not in text  # open
    assert 'id="backlog-sales"' not in text


def test_the_owner_gets_the_status_picker_and_the_manager_the_edit_link(client, demo, crm):
    item = ImprovementItem.objects.get(rollout=crm, owner=demo["member1"])
    client.force_login(demo["member1"])
    text = client.get(backlog_url(crm)).content.decode()
    assert reverse("work:improvement_status", args=[crm.pk, item.pk]) in text
    edit = 'href="' + reverse("work:improvement_edit", args=[crm.pk, item.pk]) + '"'
    assert edit not in text
    client.force_login(demo["sales.manager"])
    assert edit in client.get(backlog_url(crm)).content.decode()


def test_a_manager_adds_an_item_owned_by_them_by_default(client, demo, crm):
    client.force_login(demo["sales.manager"])
    response = client.post(
        reverse("work:improvement_new", args=[crm.pk]),
        {
            "department": department("sales").pk,
            "title": "Quotes sent from the CRM",
            "kind": "use",
            "due_date": "2030-01-31",
        },
    )
    assert response.status_code == 302
    item = ImprovementItem.objects.get(title="Quotes sent from the CRM")
    assert item.owner == demo["sales.manager"]


def test_the_form_offers_a_manager_only_their_department(client, demo, crm):
    client.force_login(demo["sales.manager"])
    text = client.get(reverse("work:improvement_new", args=[crm.pk])).content.decode()
    assert f'<option value="{department("sales").pk}">Sales</option>' in text
    assert ">Finance</option>" not in text


def test_a_refused_item_keeps_what_was_typed(client, demo, crm):
    client.force_login(demo["sales.manager"])
    response = client.post(
        reverse("work:improvement_new", args=[crm.pk]),
        {
            "department": department("sales").pk,
            "title": "Typed by the manager",
            "kind": "use",
            "owner": demo["member5"].pk,  # of Finance
            "due_date": "2030-01-31",
        },
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "choose an owner from the department" in text
    assert 'value="Typed by the manager"' in text


def test_dropping_without_a_reason_is_refused_and_keeps_the_item_open(client, demo, crm):
    item = ImprovementItem.objects.get(rollout=crm, owner=demo["member1"])
    client.force_login(demo["member1"])
    url = reverse("work:improvement_status", args=[crm.pk, item.pk])
    response = client.post(url, {"status": "dropped", "reason": ""}, follow=True)
    assert "Say why the item is dropped." in response.content.decode()
    item.refresh_from_db()
    assert item.status == "in_progress"


def test_the_owner_marks_it_done(client, demo, crm):
    item = ImprovementItem.objects.get(rollout=crm, owner=demo["member1"])
    client.force_login(demo["member1"])
    url = reverse("work:improvement_status", args=[crm.pk, item.pk])
    assert client.post(url, {"status": "done"}).status_code == 302
    item.refresh_from_db()
    assert item.status == "done"


def test_the_backlog_page_keeps_a_fixed_query_count(client, demo, crm):
    client.force_login(demo["sales.manager"])
    add_items(crm, demo["member1"], 10)
    get_page(client, backlog_url(crm), BACKLOG_PAGE_QUERIES)
    add_items(crm, demo["member1"], 190)
    assert ImprovementItem.objects.filter(rollout=crm).count() > 200
    get_page(client, backlog_url(crm), BACKLOG_PAGE_QUERIES)
