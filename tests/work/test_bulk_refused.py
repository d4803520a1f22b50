"""A refused bulk change of the board comes back with the same tasks ticked and the values
typed (a refused form keeps what the person typed)."""

import pytest

from demo.keys import demo_task
from tests.work.bulk_data import bulk_post, ids, sales_pair
from work.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def sales_tasks(crm) -> list[Task]:
    return sales_pair(crm)


def test_a_refused_change_comes_back_with_the_tasks_ticked_and_the_values_typed(
    client, demo, crm, sales_tasks
):
    done = demo_task(crm, "service_categories")  # verified: the service refuses the change
    client.force_login(demo["ceo"])
    chosen = [*ids(sales_tasks), done.pk]
    response = bulk_post(
        client,
        crm,
        {"tasks": chosen, "bulk-change": "redate", "bulk-due_date": "2031-05-06",
         "back": "?status=&page=1"},
    )  # fmt: skip
    page = client.get(response["Location"])
    ticked = page.context["ticked"]
    assert ticked == set(chosen)
    html = page.content.decode()
    assert f'id="select-{sales_tasks[0].pk}" checked' in html
    assert 'value="2031-05-06"' in html
    assert "Verified tasks are done" in html


def test_a_form_refusal_keeps_the_ticks_and_the_chosen_change(client, demo, crm, sales_tasks):
    client.force_login(demo["sales.manager"])
    response = bulk_post(client, crm, {"tasks": ids(sales_tasks), "bulk-change": "redate"})
    page = client.get(response["Location"])
    assert page.context["ticked"] == set(ids(sales_tasks))
    assert page.context["bulk_form"]["change"].value() == "redate"
