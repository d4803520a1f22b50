"""The executive's department choice on the board: only the rollout's own departments
count; any other value (another department, a superscript digit, an id past any column)
shows them all instead of a server error (the filter is ignored and named)."""

import pytest
from django.urls import reverse

from roles.models import Department

pytestmark = pytest.mark.django_db


def test_a_department_of_the_rollout_narrows_the_board(client, demo, crm):
    sales = demo["sales.manager"].department
    client.force_login(demo["ceo"])
    response = client.get(reverse("work:board", args=[crm.pk]), {"department": sales.pk})
    assert response.status_code == 200
    assert {t.department_id for t in response.context["tasks"]} == {sales.pk}
    assert response.context["filters"].department == sales


@pytest.mark.parametrize("wanted", ["²", "99999999999999999999", "x&page=9", "production"])
def test_anything_else_shows_every_department(client, demo, crm, wanted):
    if wanted == "production":
        wanted = str(Department.objects.get(code="production").pk)  # no manager on the CRM
    client.force_login(demo["ceo"])
    response = client.get(reverse("work:board", args=[crm.pk]), {"department": wanted})
    assert response.status_code == 200
    assert response.context["filters"].department is None
    shown = {t.department_id for t in response.context["tasks"]}
    assert len(shown) > 1
