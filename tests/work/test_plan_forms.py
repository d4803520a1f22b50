"""The plan page's forms offer what the page read once: the departments the person plans
for and the rollout's members, with the labels and empty choice a form gives them."""

import pytest
from django.urls import reverse

from roles.models import Department
from roles.selectors import departments_of_rollout, members_of_rollout

pytestmark = pytest.mark.django_db


def offered(form, name):
    return [str(value) for value, _label in form.fields[name].choices]


def test_a_middle_manager_is_offered_their_own_department_only(client, demo, crm):
    client.force_login(demo["sales.manager"])
    context = client.get(reverse("work:plan", args=[crm.pk])).context
    sales = str(Department.objects.get(code="sales").pk)
    assert offered(context["objective_form"], "department") == ["", sales]
    assert offered(context["task_form"], "department") == ["", sales]


def test_the_executive_is_offered_every_department_and_member(client, demo, crm):
    client.force_login(demo["ceo"])
    context = client.get(reverse("work:plan", args=[crm.pk])).context
    departments = [str(d.pk) for d in departments_of_rollout(rollout=crm)]
    assert offered(context["task_form"], "department") == ["", *departments]
    members = [str(m.pk) for m in members_of_rollout(rollout=crm)]
    assert offered(context["task_form"], "assignees") == members


def test_a_posted_department_outside_the_persons_is_still_refused(client, demo, crm):
    client.force_login(demo["sales.manager"])
    it = Department.objects.get(code="it")
    response = client.post(
        reverse("work:objective_new", args=[crm.pk]),
        {"department": it.pk, "title": "Not mine", "target": "x", "due_date": "2030-01-01"},
    )
    assert response.status_code == 400
    assert "department" in response.context["objective_form"].errors
